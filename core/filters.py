"""Narrowing a list by the filters a user gave."""


def filter_given(queryset, **lookups):
    """The queryset narrowed by each lookup whose value was given: a filter left empty
    (None or "") does not narrow the list."""
    given = {lookup: value for lookup, value in lookups.items() if value not in (None, "")}
    return queryset.filter(**given) if given else queryset
