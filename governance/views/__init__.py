"""Governance pages, a module per area: accessibility, groups and proposals, meetings and
decisions, the regional task log, steering (clock, plans, dashboard, roadmap)."""
