"""Notifications and e-mail delivery, on the ground floor so that every app can call them.

Apps call `core.notifications.services` (notify, outbox_enqueue) inside their own write
transactions: the in-app notification and the outbox row commit with the event, or not at
all. The task worker sends the outbox (outbox_deliver_due) with retries and backoff.
"""
