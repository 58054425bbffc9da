"""Machine-checkable criteria: rule trees on company attributes, validated, and translated
into database expressions so that a yearly run evaluates every company in one query.

A rule is a condition {"attribute": code, "op": operator, "value": value} or a group
{"all": [rules]} / {"any": [rules]}; groups nest.

The engine is pure: it is given the attributes a tree is checked against (code -> attribute,
in practice segments.models.Attribute) and imports no model. A caller that has none at hand
leaves them out, and the lookup the app installed at start-up (SegmentsConfig.ready) finds
the ones the tree names.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Case, F, Max, Q, When
from django.utils import formats
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, pgettext, pgettext_lazy
from django.utils.translation import gettext as _

from core.translation import text_served

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
CONDITION_KEYS = {"attribute", "op", "value"}

# The attribute lookup installed by the app: a function of attribute codes that returns
# {code: attribute} for those that exist.
_installed = {}


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


def install_attribute_lookup(lookup):
    """Where parse_rules finds attributes when its caller gives none: `lookup(codes)`
    returns {code: attribute}. The segments app installs the Attribute table's."""
    _installed["attributes"] = lookup


def parse_rules(data, attributes=None):
    """Validate a rule tree and return it parsed; `attributes` maps code -> attribute (left
    out: the installed lookup finds those the tree names)."""
    if attributes is None:
        attributes = _installed["attributes"](set(rule_codes(data)))
    return _Parser(attributes).node(data, path=str(_("säännöt")), depth=0)


def rule_codes(data):
    """The attribute codes a rule tree (as stored, not yet validated) names."""
    if isinstance(data, dict):
        if "attribute" in data:
            yield str(data.get("attribute"))
        for key in ("all", "any"):
            children = data.get(key)
            if isinstance(children, list):
                for child in children:
                    yield from rule_codes(child)


class _Parser:
    """One tree's validation: its attributes and the number of conditions seen so far."""

    def __init__(self, attributes):
        self.attributes = attributes
        self.conditions = 0

    def node(self, data, *, path, depth):
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
        if "all" in data or "any" in data:
            return self.group(data, path=path, depth=depth)
        return self.condition(data, path=path)

    def group(self, data, *, path, depth):
        if len(data) != 1:
            raise RuleError(
                _('%(path)s: ryhmässä saa olla vain yksi avain, "all" tai "any".') % {"path": path}
            )
        kind = "all" if "all" in data else "any"
        children = data[kind]
        if not isinstance(children, list) or not children:
            raise RuleError(
                _('%(path)s: ryhmän "%(kind)s" on oltava ei-tyhjä luettelo.')
                % {"path": path, "kind": kind}
            )
        return Group(
            kind,
            tuple(
                self.node(child, path=f"{path}.{kind}[{i + 1}]", depth=depth + 1)
                for i, child in enumerate(children)
            ),
        )

    def condition(self, data, *, path):
        if set(data) != CONDITION_KEYS:
            raise RuleError(
                _('%(path)s: ehdossa on oltava täsmälleen "attribute", "op" ja "value".')
                % {"path": path}
            )
        self.conditions += 1
        if self.conditions > MAX_CONDITIONS:
            raise RuleError(
                _("%(path)s: ehtoja on liikaa (enintään %(max)s).")
                % {"path": path, "max": MAX_CONDITIONS}
            )
        attribute = self.attribute(data["attribute"], path=path)
        op = self.operator(data["op"], attribute, path=path)
        return Condition(attribute, op, self.value(data["value"], op, attribute, path=path))

    def attribute(self, code, *, path):
        attribute = self.attributes.get(code) if isinstance(code, str) else None
        if attribute is None:
            raise RuleError(
                _("%(path)s: ominaisuutta %(code)r ei ole.") % {"path": path, "code": code}
            )
        return attribute

    def operator(self, op, attribute, *, path):
        allowed = OPERATORS_BY_TYPE[attribute.value_type]
        if op not in allowed:
            raise RuleError(
                _(
                    "%(path)s: operaattori %(op)r ei sovi ominaisuudelle %(code)s (%(type)s); sallitut: %(allowed)s."
                )
                % {
                    "path": path,
                    "op": op,
                    "code": attribute.code,
                    "type": attribute.get_value_type_display(),
                    "allowed": ", ".join(sorted(allowed)),
                }
            )
        return op

    def value(self, raw, op, attribute, *, path):
        try:
            if op == "in":
                if not isinstance(raw, list) or not raw:
                    raise RuleError(
                        _('%(path)s: operaattorin "in" arvon on oltava ei-tyhjä luettelo.')
                        % {"path": path}
                    )
                return tuple(attribute.parse(item) for item in raw)
            if isinstance(raw, (list, dict)):
                raise RuleError(
                    _("%(path)s: arvon on oltava yksittäinen luku tai teksti.") % {"path": path}
                )
            return attribute.parse(raw)
        except ValidationError as error:
            raise RuleError(f"{path}: {' '.join(error.messages)}") from None


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


# The operators in words, in the UI language (the symbols above are the rules' own notation).
OPERATOR_WORDS = {
    "eq": pgettext_lazy("sääntö", "on"),
    "ne": pgettext_lazy("sääntö", "ei ole"),
    "lt": pgettext_lazy("sääntö", "alle"),
    "lte": pgettext_lazy("sääntö", "enintään"),
    "gt": pgettext_lazy("sääntö", "yli"),
    "gte": pgettext_lazy("sääntö", "vähintään"),
    "in": pgettext_lazy("sääntö", "jokin näistä:"),
    "contains": pgettext_lazy("sääntö", "sisältää"),
}


def describe(node, *, html=False):
    """A rule tree in words in the active UI language, e.g. "Henkilöstö vähintään 250 hlö ja
    (Liikevaihto yli 50 M€ tai …)": the attributes' names and units, numbers as the locale
    writes them. An attribute name or unit not yet translated is the Finnish one; with
    html=True it is marked lang="fi" (and everything escaped), for pages."""
    if isinstance(node, Condition):
        attribute = node.attribute
        values = node.value if isinstance(node.value, tuple) else (node.value,)
        value = ", ".join(_value_text(item, html) for item in values)
        name = _translated(attribute, "name", html) or _text(attribute.code, html)
        unit = _translated(attribute, "unit", html)
        words = [name, _text(OPERATOR_WORDS[node.op], html), value]
        if unit and attribute.is_numeric and attribute.value_type != "boolean":
            words.append(unit)
        return " ".join(str(word) for word in words)
    word = pgettext("sääntö", "ja") if node.kind == "all" else pgettext("sääntö", "tai")
    parts = [
        describe(child, html=html)
        if isinstance(child, Condition)
        else f"({describe(child, html=html)})"
        for child in node.children
    ]
    text = f" {word} ".join(parts)
    return mark_safe(text) if html else text  # noqa: S308 - every part escaped above


def _value_text(value, html):
    if isinstance(value, bool):
        return pgettext("sääntö", "kyllä") if value else pgettext("sääntö", "ei")
    if isinstance(value, (int, Decimal)):
        # The locale's decimal comma and thousands separator (1 234,5 in fi and sv).
        return formats.number_format(value, force_grouping=True)
    return _text(value, html)


def _text(text, html):
    return escape(text) if html else str(text)


def _translated(attribute, field, html):
    """The attribute's `field` in the UI language, or the Finnish one (marked when html)."""
    text, language = text_served(attribute, field)
    if not text:
        return ""
    if html and language != (get_language() or "fi")[:2]:
        return format_html('<span lang="{}">{}</span>', language, text)
    return _text(text, html)
