"""Writes of the segments app: criteria, and the content a decision changes (goals, the
strategy, service promises). Each returns the Changes it made (core.history), which the
caller records as the decision's effects."""

from django.db import IntegrityError, transaction
from django.db.models import Max, ProtectedError
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from core.history import (
    delete_changed,
    delete_with_history,
    revert_change,
    save_changed,
    save_with_history,
    text_set,
)
from core.refusals import check_version, locked_version, refuse, refuse_stale
from core.translation import app_translation_add

from .models import (
    Criterion,
    Goal,
    ReviewStatus,
    Segment,
    SegmentAlias,
    ServicePromise,
    Strategy,
)


@transaction.atomic
def segment_ensure_criteria(*, segment, by, reason):
    """Give a segment its placement, entry and exit criteria (empty until defined, 5.1.1)."""
    existing = set(segment.criteria.values_list("kind", flat=True))
    created = []
    for kind in Criterion.Kind.values:
        if kind in existing:
            continue
        created.append(
            save_with_history(Criterion(segment=segment, kind=kind), by=by, reason=reason)
        )
    return created


@transaction.atomic
def goal_list_replace(*, segment, perspective, lines, by, reason):
    """The segment's goals of one perspective become `lines`, in order, confirmed (5.1.2);
    goals beyond the new list are removed. A reworded goal loses its stale translations."""
    goals = list(
        Goal.objects.select_for_update()
        .filter(segment=segment, perspective=perspective)
        .order_by("order", "pk")
    )
    changes = []
    for order, line in enumerate(lines, start=1):
        goal = goals[order - 1] if order <= len(goals) else None
        if goal is None:
            goal = Goal(segment=segment, perspective=perspective, text_fi=line)
        text_set(goal, "text", line)
        goal.order = order
        goal.status = ReviewStatus.CONFIRMED
        changes.append(save_changed(goal, _("Tavoite vahvistettu"), by=by, reason=reason))
    for goal in goals[len(lines) :]:
        removed = _("Tavoite poistettu listalta: %(text)s") % {"text": goal.text_fi}
        changes.append(delete_changed(goal, removed, by=by, reason=reason))
    return changes


@transaction.atomic
def strategy_set(*, segment, text, points, by, reason):
    """The segment's strategy (5.1.3) in these words and points, confirmed."""
    strategy = Strategy.objects.select_for_update().filter(segment=segment).first()
    if strategy is None:
        strategy = Strategy(segment=segment, text_fi="")
    text_set(strategy, "text", text)
    text_set(strategy, "points", "\n".join(points))
    strategy.status = ReviewStatus.CONFIRMED
    return [save_changed(strategy, _("Strategia vahvistettu"), by=by, reason=reason)]


@transaction.atomic
def promise_alternative_add(*, segment, text_fi, text_sv="", by, reason):
    """A new wording of the segment's service promise, as an alternative (5.1.3)."""
    order = (segment.promises.aggregate(top=Max("order"))["top"] or 0) + 1
    promise = ServicePromise(
        segment=segment,
        text_fi=text_fi.strip(),
        text_sv=(text_sv or "").strip(),
        status=ServicePromise.Status.ALTERNATIVE,
        order=order,
    )
    save_with_history(promise, by=by, reason=reason)
    return promise


@transaction.atomic
def promise_confirm(*, promise, by, reason, swedish="", new=None):
    """Confirm one promise of its segment and archive the segment's other wordings (5.1.3);
    the segment no longer waits for a choice between alternatives.

    The others are archived first: only one promise of a segment may be confirmed. `new`
    is a wording recorded in the same step, so that its one line tells both."""
    changes = []
    is_new = new is not None and new.pk == promise.pk
    others = ServicePromise.objects.select_for_update().filter(segment_id=promise.segment_id)
    for other in others.exclude(pk=promise.pk).exclude(status=ServicePromise.Status.ARCHIVED):
        other.status = ServicePromise.Status.ARCHIVED
        line = (
            _("Uusi vaihtoehto kirjattu; ei valittu, arkistoitu")
            if new is not None and other.pk == new.pk
            else _("Palvelulupauksen vaihtoehto arkistoitu")
        )
        changes.append(save_changed(other, line, by=by, reason=reason))
    if swedish.strip():
        promise.text_sv = swedish.strip()
    if not (promise.text_sv or "").strip():
        refuse(_("Palvelulupausta ei voi vahvistaa ilman ruotsinkielistä tekstiä."))
    promise.status = ServicePromise.Status.CONFIRMED
    line = (
        _("Uusi vaihtoehto kirjattu ja vahvistettu palvelulupaukseksi")
        if is_new
        else _("Palvelulupaus vahvistettu")
    )
    changes.append(save_changed(promise, line, by=by, reason=reason))
    segment = Segment.objects.select_for_update().get(pk=promise.segment_id)
    if segment.has_open_promise_alternative:
        segment.has_open_promise_alternative = False
        line = _("Palvelulupauksen vaihtoehtojen valinta tehty")
        changes.append(save_changed(segment, line, by=by, reason=reason))
    return changes


@transaction.atomic
def segment_change_revert(*, segment, kind, history_id, seen_history_id, by, reason):
    """Undo one change of a segment or one of its items (segment page's history): the
    fields it changed get their earlier values back, recorded with who and why. Refused
    (nothing changes) when the item changed after `seen_history_id`, the newest history
    row the user saw."""
    from .selectors.segments import HISTORY_ITEMS

    model, key = HISTORY_ITEMS[kind]
    record = model.history.filter(**{key: segment.pk}, history_id=history_id).first()
    if record is None:
        refuse(_("Muutosta ei löytynyt tämän segmentin historiasta."))
    return revert_change(record, by=by, reason=reason, seen_history_id=seen_history_id)


@transaction.atomic
def segment_edit(*, segment, changed, removed=(), by, reason):
    """Save one edit of a segment's page (the segment editor) all or nothing: `changed` are
    (record, version it was opened at) pairs of the segment, its aliases, criteria, goals,
    strategy and service promises as the editor changed them (a new item has no version
    yet; an alias's "version" is the name it was opened with), `removed` the same pairs of
    the aliases, goals and promises to remove. A record
    saved by someone else since it was opened refuses the whole edit. Every save and
    removal is recorded with who and why.

    A confirmed promise is saved after the others: one that gives up being confirmed makes
    room first (only one promise of a segment may be confirmed, 5.1.3)."""
    for record, version in [*changed, *removed]:
        if isinstance(record, SegmentAlias):
            # No version counter: the name the alias was opened with is compared instead.
            if record.pk is not None and locked_version(record, field="name") != version:
                refuse_stale()
        elif record.pk is not None:
            check_version(record, version)
        owner = record.pk if isinstance(record, Segment) else record.segment_id
        if owner != segment.pk:
            refuse(_("Muokattu tieto ei kuulu tähän segmenttiin."))
    for record, _version in removed:
        try:
            delete_with_history(record, by=by, reason=reason)
        except ProtectedError:
            refuse(
                _(
                    "Kohdetta ”%(item)s” ei voi poistaa, koska muut tiedot (esimerkiksi "
                    "päätösvalmistelun vaihtoehdot) viittaavat siihen. Palvelulupauksen voi "
                    "arkistoida poistamisen sijaan."
                ),
                item=Truncator(str(record)).chars(80),
            )
    try:
        for record, _version in sorted(changed, key=_confirmed_promise_last):
            save_with_history(record, by=by, reason=reason)
    except IntegrityError:
        # Validation passed, so a unique rule (one strategy, one confirmed promise, an
        # alias once) was broken by a save that committed meanwhile: a stale copy.
        refuse_stale()
    return segment


def _confirmed_promise_last(pair):
    record, _version = pair
    return isinstance(record, ServicePromise) and record.status == ServicePromise.Status.CONFIRMED


@transaction.atomic
def text_translation_add(*, record, field, language, text, version, source, by):
    """A translator adds the missing Swedish or English version of one of this app's
    translated texts (the translation queue), recorded with who and why."""
    return app_translation_add(
        "segments",
        record,
        field=field,
        language=language,
        text=text,
        version=version,
        source=source,
        by=by,
    )
