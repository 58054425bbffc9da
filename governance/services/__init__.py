"""Writes of the governance app, a module per area; the names grep as `<entity>_<verb>`."""

from .feedback import feedback_answer, feedback_submit

__all__ = ["feedback_answer", "feedback_submit"]
