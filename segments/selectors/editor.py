"""Reads of the segment editor: the records it edits and the attributes its rule builder
offers."""

from django.db.models import Case, IntegerField, Value, When
from django.utils.translation import gettext as _

from ..models import (
    Attribute,
    Criterion,
    Goal,
    Segment,
    SegmentAlias,
    ServicePromise,
    Strategy,
)
from ..rules import OPERATORS_BY_TYPE


def segment_for_editing(code):
    """The segment of `code` (active or not) as the editor opens it."""
    return Segment.objects.get(code=code)


def editor_criteria(segment):
    """The segment's criteria in the report's order: placement, entry, exit (5.1.1)."""
    order = Case(
        *(When(kind=kind, then=Value(i)) for i, kind in enumerate(Criterion.Kind.values)),
        output_field=IntegerField(),
    )
    return Criterion.objects.filter(segment=segment).order_by(order)


def editor_goals(segment, perspective):
    """The segment's goals of one perspective in their order."""
    return Goal.objects.filter(segment=segment, perspective=perspective).order_by("order", "pk")


def editor_aliases(segment):
    """The segment's other names, alphabetically."""
    return SegmentAlias.objects.filter(segment=segment).order_by("name", "pk")


def editor_strategy(segment):
    """The segment's strategy, None if it has none yet."""
    return Strategy.objects.filter(segment=segment).first()


def editor_promises(segment):
    """The segment's service promises in their order, archived alternatives included."""
    return ServicePromise.objects.filter(segment=segment).order_by("order", "pk")


def rule_builder_vocabulary():
    """What the rule builder offers, for the page to hand to its script: the attributes
    with their names, units, types and allowed values, and the operators in words."""
    operators = {
        "eq": _("on yhtä kuin"),
        "ne": _("ei ole"),
        "lt": _("on alle"),
        "lte": _("on enintään"),
        "gt": _("on yli"),
        "gte": _("on vähintään"),
        "in": _("on jokin näistä"),
        "contains": _("sisältää"),
    }
    return {
        "attributes": [
            {
                "code": attribute.code,
                "name": attribute.name,
                "unit": attribute.unit,
                "type": attribute.value_type,
                "choices": attribute.choice_list,
                "operators": sorted(OPERATORS_BY_TYPE[attribute.value_type]),
            }
            for attribute in Attribute.objects.all()
        ],
        "operators": operators,
        "words": {
            "rules": _("Säännöt"),
            "group": _("Ryhmä"),
            "combine": _("Yhdistä ehdot"),
            "all": _("kaikki ehdot täyttyvät (ja)"),
            "any": _("jokin ehdoista täyttyy (tai)"),
            "attribute": _("Ominaisuus"),
            "operator": _("Vertailu"),
            "value": _("Arvo"),
            "values_help": _("Erota arvot pilkulla."),
            "yes": _("kyllä"),
            "no": _("ei"),
            "add_condition": _("Lisää ehto"),
            "add_group": _("Lisää ryhmä"),
            "remove_condition": _("Poista ehto"),
            "remove_group": _("Poista ryhmä"),
            "remove_all": _("Poista kaikki säännöt"),
            "none": _("Ei sääntöjä: kriteeriä ei tarkisteta koneellisesti."),
            "unknown": _("tuntematon ominaisuus"),
            "cannot_show": _(
                "Sääntöjä ei voi näyttää rakentimessa, koska JSON ei ole ehto tai ryhmä. "
                "Korjaa ne JSON-kentässä."
            ),
            "json": _("Säännöt JSON-muodossa"),
            "computing": _("Lasketaan…"),
            "failed": _("Esikatselu ei onnistunut. Yritä uudelleen."),
        },
    }
