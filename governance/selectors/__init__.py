"""Reads of the governance app, a module per area."""

from .front_page import FrontPageLink, FrontPageSection, front_page_sections_for
from .waiting_work import WaitingWork, waiting_work_for

__all__ = [
    "FrontPageLink",
    "FrontPageSection",
    "WaitingWork",
    "front_page_sections_for",
    "waiting_work_for",
]
