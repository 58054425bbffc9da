"""Machine-checkable criteria: rule trees on company attributes, validated, and translated
into database expressions so that a yearly run evaluates every company in one query.

A rule is a condition {"attribute": code, "op": operator, "value": value} or a group
{"all": [rules]} / {"any": [rules]}; groups nest.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Case, F, Max, Q, When
from django.utils.translation import gettext as _

MAX_DEPTH = 6
MAX_CONDITIONS = 50

OPERATORS = {
    "eq": ("=", "exact"),
    "ne": ("≠", None),
    "lt": ("<", "lt"),
    "lte": ("≤", "lte"),
    "gt": (">", "gt"),
    "gte": ("≥", "gte"),
    "in": ("∈", "in"),
    "contains": ("⊃", "icontains"),
}
# Which operators fit which attribute type.
OPERATORS_BY_TYPE = {
    "integer": {"eq", "ne", "lt", "lte", "gt", "gte"},
    "decimal": {"eq", "ne", "lt", "lte", "gt", "gte"},
    "boolean": {"eq", "ne"},
    "choice": {"eq", "ne", "in"},
    "text": {"eq", "ne", "contains"},
}


class RuleError(ValueError):
    """A rule that cannot be evaluated; the message says what and where, in Finnish."""


@dataclass(frozen=True)
class Condition:
    attribute: object  # segments.models.Attribute
    op: str
    value: object


@dataclass(frozen=True)
class Group:
    kind: str  # "all" or "any"
    children: tuple


def parse_rules(data, attributes=None):
    """Validate a rule tree and return it parsed; `attributes` maps code -> Attribute."""
    if attributes is None:
        from segments.models import Attribute

        attributes = {a.code: a for a in Attribute.objects.filter(code__in=_codes(data))}
    counter = {"conditions": 0}
    return _parse(data, attributes, path=str(_("säännöt")), depth=0, counter=counter)


def _codes(data):
    if isinstance(data, dict):
        if "attribute" in data:
            yield str(data.get("attribute"))
        for key in ("all", "any"):
            children = data.get(key)
            if isinstance(children, list):
                for child in children:
                    yield from _codes(child)


def _parse(data, attributes, *, path, depth, counter):
    if depth > MAX_DEPTH:
        raise RuleError(
            _("%(path)s: ryhmiä on sisäkkäin liian monta (enintään %(max)s).")
            % {"path": path, "max": MAX_DEPTH}
        )
    if not isinstance(data, dict):
        raise RuleError(
            _('%(path)s: odotettiin ehtoa tai ryhmää ({"all": […]} tai {"any": […]}).')
            % {"path": path}
        )
    groups = [key for key in ("all", "any") if key in data]
    if groups:
        if len(data) != 1:
            raise RuleError(
                _('%(path)s: ryhmässä saa olla vain yksi avain, "all" tai "any".') % {"path": path}
            )
        kind = groups[0]
        children = data[kind]
        if not isinstance(children, list) or not children:
            raise RuleError(
                _('%(path)s: ryhmän "%(kind)s" on oltava ei-tyhjä luettelo.')
                % {"path": path, "kind": kind}
            )
        return Group(
            kind,
            tuple(
                _parse(
                    child,
                    attributes,
                    path=f"{path}.{kind}[{i + 1}]",
                    depth=depth + 1,
                    counter=counter,
                )
                for i, child in enumerate(children)
            ),
        )
    unknown = set(data) - {"attribute", "op", "value"}
    if unknown or set(data) != {"attribute", "op", "value"}:
        raise RuleError(
            _('%(path)s: ehdossa on oltava täsmälleen "attribute", "op" ja "value".')
            % {"path": path}
        )
    counter["conditions"] += 1
    if counter["conditions"] > MAX_CONDITIONS:
        raise RuleError(
            _("%(path)s: ehtoja on liikaa (enintään %(max)s).")
            % {"path": path, "max": MAX_CONDITIONS}
        )
    code = data["attribute"]
    attribute = attributes.get(code) if isinstance(code, str) else None
    if attribute is None:
        raise RuleError(_("%(path)s: ominaisuutta %(code)r ei ole.") % {"path": path, "code": code})
    op = data["op"]
    allowed = OPERATORS_BY_TYPE[attribute.value_type]
    if op not in allowed:
        raise RuleError(
            _(
                "%(path)s: operaattori %(op)r ei sovi ominaisuudelle %(code)s (%(type)s); sallitut: %(allowed)s."
            )
            % {
                "path": path,
                "op": op,
                "code": code,
                "type": attribute.get_value_type_display(),
                "allowed": ", ".join(sorted(allowed)),
            }
        )
    raw = data["value"]
    try:
        if op == "in":
            if not isinstance(raw, list) or not raw:
                raise RuleError(
                    _('%(path)s: operaattorin "in" arvon on oltava ei-tyhjä luettelo.')
                    % {"path": path}
                )
            value = tuple(attribute.parse(item) for item in raw)
        else:
            if isinstance(raw, (list, dict)):
                raise RuleError(
                    _("%(path)s: arvon on oltava yksittäinen luku tai teksti.") % {"path": path}
                )
            value = attribute.parse(raw)
    except ValidationError as error:
        raise RuleError(f"{path}: {' '.join(error.messages)}") from None
    return Condition(attribute, op, value)


def attributes_in(node):
    """Every attribute a parsed rule tree refers to."""
    if isinstance(node, Condition):
        return {node.attribute}
    return set().union(*(attributes_in(child) for child in node.children))


def alias(attribute):
    return f"attr_{attribute.pk}"


def pivot_annotations(attributes, relation="year_values"):
    """One aggregate column per attribute over the company's values of the run's year."""
    annotations = {}
    for attribute in attributes:
        column = "number" if attribute.is_numeric else "text"
        annotations[alias(attribute)] = Max(
            Case(
                When(**{f"{relation}__attribute_id": attribute.pk}, then=F(f"{relation}__{column}"))
            )
        )
    return annotations


def to_q(node):
    """The rule tree as a Q over the pivot annotations. A missing value never matches."""
    if isinstance(node, Group):
        combined = Q()
        for child in node.children:
            combined = combined & to_q(child) if node.kind == "all" else combined | to_q(child)
        return combined
    name = alias(node.attribute)
    value = node.value
    if isinstance(value, bool):
        value = Decimal(int(value))
    if node.op == "ne":
        return ~Q(**{name: value}) & Q(**{f"{name}__isnull": False})
    if node.op == "in":
        return Q(**{f"{name}__in": list(value)})
    return Q(**{f"{name}__{OPERATORS[node.op][1]}": value})


def describe(node):
    """A readable rendering of a rule tree, e.g. "henkilosto ≥ 250 ja (liikevaihto > 50 tai …)"."""
    if isinstance(node, Condition):
        value = ", ".join(map(str, node.value)) if isinstance(node.value, tuple) else node.value
        if isinstance(value, bool):
            value = "kyllä" if value else "ei"
        return f"{node.attribute.code} {OPERATORS[node.op][0]} {value}"
    word = " ja " if node.kind == "all" else " tai "
    parts = [
        describe(child) if isinstance(child, Condition) else f"({describe(child)})"
        for child in node.children
    ]
    return word.join(parts)
