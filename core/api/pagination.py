"""Keyset (cursor) pages: each page continues after the last row of the one before, so a
client walking a list sees every row once, however many rows are added meanwhile."""

from rest_framework.pagination import CursorPagination


class KeysetPagination(CursorPagination):
    """DRF's opaque cursor over a view's `cursor_ordering`: one unique, never-changing column
    (a code or the id), so the order is total and stable."""

    page_size = 50
    max_page_size = 1000
    page_size_query_param = "page_size"
    ordering = "pk"

    def get_ordering(self, request, queryset, view):
        return (getattr(view, "cursor_ordering", self.ordering),)
