"""Forms of the governance pages, a module per area."""

from .feedback import AccessibilityFeedbackForm

__all__ = ["AccessibilityFeedbackForm"]
