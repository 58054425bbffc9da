"""Writing the demo rules onto the five company segments (`generate_companies --demo-rules`),
for trying the yearly run on the synthetic data set."""

from django.db import transaction

from core.history import save_with_history
from segments.models import Criterion, Segment
from segments.rules import parse_rules

from .demo_rules import DEMO_RULES, DEMO_TEXTS
from .prerequisites import attributes_ensure, require

DEMO_RULES_REASON = "Demosäännöt synteettiselle aineistolle"
_DEMO = "DEMO (synteettinen aineisto): "


@transaction.atomic
def demo_rules_apply(*, by=None):
    """Give the five company segments the demo rules and evaluation order; returns what
    changed.

    Rules are replaced; a criterion's text is written only where it is empty, marked as a
    demo, so a text people have agreed on is never overwritten.
    """
    attributes = attributes_ensure(by=by)
    segments = require(Segment, list(DEMO_RULES), "Segmenttejä")
    changed = []
    for code, spec in DEMO_RULES.items():
        segment = segments[code]
        if segment.priority != spec["priority"]:
            segment.priority = spec["priority"]
            save_with_history(segment, by=by, reason=DEMO_RULES_REASON)
            changed.append(f"{segment}: arviointijärjestys {segment.priority}")
        criteria = {c.kind: c for c in segment.criteria.all()}
        for kind in Criterion.Kind.values:
            criterion = criteria.get(kind) or Criterion(segment=segment, kind=kind)
            if _criterion_set(criterion, spec[kind], DEMO_TEXTS.get((code, kind)), attributes):
                save_with_history(criterion, by=by, reason=DEMO_RULES_REASON)
                changed.append(str(criterion))
    return changed


def _criterion_set(criterion, rules, text, attributes):
    """Give the criterion the demo rules, and the demo text where its text is empty; returns
    whether anything changed (a new criterion always has)."""
    if rules is not None:
        parse_rules(rules, attributes)
    dirty = criterion.pk is None
    if criterion.rules != rules:
        criterion.rules = rules
        dirty = True
    if text and not (criterion.text_fi or "").strip():
        criterion.text_fi = _DEMO + text
        dirty = True
    return dirty
