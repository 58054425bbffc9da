"""Reads of proposals (6.2): the filtered list, one proposal with its comments, history and
decision, and its change shown line by line against the target's text."""

import difflib
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from offerings.models import Organisation, Service, ServiceModel
from responsibility.models import ResponsibilityPolicy

from ..models import Decision, Proposal, ProposalComment
from ..models.proposal_content import (
    POLICY_FIELDS,
    SERVICE_MODEL_TEXT_FIELDS,
    current_content,
)


def proposal_list(*, status="", body=None, segment=None):
    """Proposals, newest first, filtered by status, body and segment."""
    proposals = Proposal.objects.select_related("body", "segment", "created_by")
    if status:
        proposals = proposals.filter(status=status)
    if body is not None:
        proposals = proposals.filter(body=body)
    if segment is not None:
        proposals = proposals.filter(segment=segment)
    return proposals.order_by("-created_at", "-pk")


def proposal_detail_queryset():
    return Proposal.objects.select_related(
        "body", "segment", "chosen_promise", "created_by", "submitted_by"
    ).prefetch_related(
        Prefetch(
            "comments",
            queryset=ProposalComment.objects.filter(is_archived=False)
            .select_related("author__person__organisation")
            .order_by("created_at", "pk"),
        ),
        Prefetch(
            "decisions",
            queryset=Decision.objects.select_related("decided_by", "meeting").order_by(
                "date", "number"
            ),
        ),
        "agenda_items__meeting",
    )


def proposal_history(proposal):
    """The proposal's status changes: who, when and why, oldest first."""
    return proposal.history.select_related("history_user").order_by("history_date", "history_id")


# --- The change against the current text ------------------------------------------------


@dataclass(frozen=True)
class DiffRow:
    """One row of the comparison: a line kept, removed, added, or replaced."""

    kind: str  # "equal", "delete", "insert"
    old: str
    new: str


def _labelled(fields, values, labels):
    return [f"{labels.get(name, name)}: {values.get(name) or '–'}" for name in fields]


def _promise_lines(snapshot, content, chosen_id):
    """The segment's promises before and after, each with its status."""
    status_names = {
        "alternative": _("vaihtoehto"),
        "proposed": _("ehdotettu"),
        "confirmed": _("vahvistettu"),
        "archived": _("arkistoitu vaihtoehto"),
    }
    before = [
        f"{p['text_fi']} ({status_names.get(p['status'], p['status'])})"
        for p in snapshot.get("promises", [])
    ]
    after = []
    choose_new = content.get("choose_new_alternative", False)
    for p in snapshot.get("promises", []):
        status = p["status"]
        if not choose_new and p["id"] == chosen_id:
            status = "confirmed"
        elif status != "archived":
            status = "archived"
        after.append(f"{p['text_fi']} ({status_names[status]})")
    new = content.get("new_alternative")
    if new:
        status = "confirmed" if choose_new else "archived"
        after.append(f"{new.get('text_fi', '')} ({status_names[status]})")
    return before, after


def _offering_lines(snapshot, content):
    names = {row["service"]: row["name"] for row in snapshot.get("basic", [])}
    wanted = {e["service"] for e in content.get("add", []) + content.get("remove", [])}
    missing = wanted - set(names)
    if missing:
        names.update(dict(Service.objects.filter(pk__in=missing).values_list("pk", "name_fi")))

    def line(row):
        if row.get("to_segment"):
            return f"{names.get(row['service'], row['service'])} → {row['to_segment']}"
        return f"{names.get(row['service'], row['service'])}"

    before = [line(r) for r in snapshot.get("basic", [])] + [
        line(r) for r in snapshot.get("transition", [])
    ]
    removed = {line(e) for e in content.get("remove", [])}
    after = [item for item in before if item not in removed]
    after += [line(e) for e in content.get("add", []) if line(e) not in after]
    return before, after


def comparison_lines(proposal, snapshot=None):
    """(current lines, proposed lines) of the proposal's target, in words."""
    snapshot = proposal.current_snapshot if snapshot is None else snapshot
    content = proposal.content or {}
    kind = proposal.target_kind
    if kind == "goals":
        return list(snapshot.get("lines", [])), list(content.get("lines", []))
    if kind == "strategy":
        before = [snapshot.get("text", "")] + [f"• {p}" for p in snapshot.get("points", [])]
        after = [content.get("text", "")] + [f"• {p}" for p in content.get("points", [])]
        return before, after
    if kind == "service_promise":
        return _promise_lines(snapshot, content, proposal.chosen_promise_id)
    if kind == "service_model":
        labels = {f.name: str(f.verbose_name) for f in ServiceModel._meta.fields}
        names = [n for n in (*SERVICE_MODEL_TEXT_FIELDS, "initiative") if n in content]
        merged = {**snapshot, **content}
        return _labelled(names, snapshot, labels), _labelled(names, merged, labels)
    if kind == "offering":
        return _offering_lines(snapshot, content)
    labels = {f.name: str(f.verbose_name) for f in ResponsibilityPolicy._meta.fields}
    names = [n for n in POLICY_FIELDS if n in content]
    merged = {**snapshot, **content}
    organisations = {
        code: name
        for code, name in Organisation.objects.filter(
            code__in=[merged.get(n) for n in ("lead_organisation", "team_lead_organisation")]
        ).values_list("code", "name_fi")
    }

    def shown(values):
        return {
            n: organisations.get(values.get(n), values.get(n))
            if n.endswith("organisation")
            else values.get(n)
            for n in names
        }

    return _labelled(names, shown(snapshot), labels), _labelled(names, shown(merged), labels)


def proposal_diff(proposal, snapshot=None):
    """The proposed change as rows of a line diff (difflib) against the current text."""
    before, after = comparison_lines(proposal, snapshot)
    rows = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            rows += [DiffRow("equal", line, line) for line in before[i1:i2]]
            continue
        rows += [DiffRow("delete", line, "") for line in before[i1:i2]]
        rows += [DiffRow("insert", "", line) for line in after[j1:j2]]
    return rows


def target_changed_since_drafting(proposal):
    """Whether an open proposal's target no longer reads as it did when it was drafted."""
    if not proposal.is_open:
        return False
    now = current_content(
        proposal.target_kind, segment=proposal.segment, perspective=proposal.perspective
    )
    return now != proposal.current_snapshot


def proposal_withdraw_consequences(proposal):
    """What withdrawing the proposal means, for its confirmation page: its comments (kept)
    and whether the strategy group has it already (submitted)."""
    return {
        "comment_count": ProposalComment.objects.filter(proposal=proposal).count(),
        "is_submitted": proposal.status == Proposal.Status.SUBMITTED,
    }
