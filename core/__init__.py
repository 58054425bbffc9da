"""The ground floor: plumbing every app shares and no app owns.

Saving with history and refusing a step (history, refusals), the form → service → redirect
view (views), keyset pages (pagination), the admin's history, version and read-only pieces
(admin), reading uploaded tables (tabular, imports). It imports no domain app; every app may
import it. See the README's architecture section for the house rules.
"""
