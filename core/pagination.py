"""Keyset pages: "the next 50 after the last one shown", by an indexed, ordered key.

At 400,000 rows an OFFSET reads and throws away every earlier row and a COUNT reads them
all; a keyset page reads just its rows, whatever its depth. The cursor travels in the query
string (one parameter per key field); a malformed cursor is ignored (the first page)."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q
from django.utils.dateparse import parse_datetime

MAX_TEXT = 300


def _text(value):
    return value[:MAX_TEXT]


def _whole_number(value):
    return int(value) if value.isdigit() and len(value) < 19 else None


def _moment(value):
    try:
        moment = parse_datetime(value)
    except ValueError:
        return None
    return moment


PARSERS = {"text": _text, "int": _whole_number, "datetime": _moment}


@dataclass(frozen=True)
class Keyset:
    """Fields to order by (the last one unique, e.g. the id), the query parameters that
    carry the cursor, the kind of each value (text, int, datetime), and the direction."""

    fields: tuple
    params: tuple
    kinds: tuple
    descending: bool = False

    def position(self, query):
        """The cursor in the query (a QueryDict), or None."""
        values = []
        for param, kind in zip(self.params, self.kinds, strict=True):
            raw = query.get(param)
            value = None if raw is None else PARSERS[kind](raw)
            if value is None:
                return None
            values.append(value)
        return tuple(values)

    def after(self, queryset, position):
        """The rows that come after `position` in this order."""
        op = "lt" if self.descending else "gt"
        condition = Q()
        for index, field in enumerate(self.fields):
            equal = {f: v for f, v in zip(self.fields[:index], position[:index], strict=True)}
            condition |= Q(**equal, **{f"{field}__{op}": position[index]})
        # The same bound on the first field alone, redundant but what an index can start
        # from: without it a deep page reads the index from its beginning (the OR above is
        # only a filter to the planner).
        first_bound = {f"{self.fields[0]}__{op}e": position[0]}
        return queryset.filter(condition, **first_bound)

    def ordering(self):
        return [f"-{field}" if self.descending else field for field in self.fields]

    def page(self, queryset, query, *, size):
        """One page of `queryset` after the cursor in `query`, with the next page's query."""
        position = self.position(query)
        if position is not None:
            queryset = self.after(queryset, position)
        rows = list(queryset.order_by(*self.ordering())[: size + 1])
        items, more = rows[:size], len(rows) > size
        next_query = None
        if more:
            next_query = query.copy()
            for param, field in zip(self.params, self.fields, strict=True):
                value = _value_of(items[-1], field)
                next_query[param] = value.isoformat() if isinstance(value, datetime) else value
        return Page(items=items, next_query=next_query, size=size)


def query_without(query, *keys):
    """The query string (of a QueryDict) without the given keys: the filters a pager keeps,
    without the page number or the cursor."""
    query = query.copy()
    for key in keys:
        query.pop(key, None)
    return query.urlencode()


def keyset_context(query, keyset, page):
    """What a keyset-paged list shows beside its rows (`page`, None when nothing is listed):
    the next page's query string (None on the last page), the first page's (the filters
    alone, also for the exports), and whether `query` asks for a later page."""
    return {
        "page": page,
        "next_query": (page.next_url_query or None) if page is not None else None,
        "first_query": query_without(query, *keyset.params),
        "is_later_page": keyset.position(query) is not None,
    }


def _value_of(obj, field):
    for part in field.split("__"):
        obj = getattr(obj, part)
    return obj


@dataclass
class Page:
    """A keyset page: its rows, and the query string of the next page (None: the last)."""

    items: list
    next_query: object
    size: int

    def __iter__(self):
        return iter(self.items)

    def __len__(self):
        return len(self.items)

    @property
    def next_url_query(self):
        return self.next_query.urlencode() if self.next_query is not None else ""
