"""Reads of the governance app, a module per area."""

from .front_page import FrontPageLink, FrontPageSection, front_page_sections_for

__all__ = ["FrontPageLink", "FrontPageSection", "front_page_sections_for"]
