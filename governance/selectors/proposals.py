"""Reads of proposals (6.2): the filtered list, one proposal with its comments, history and
decision, and its change shown line by line against the target's text."""

import difflib
from dataclasses import dataclass

from django.db.models import Prefetch

from core.filters import filter_given

from ..models import Decision, Proposal, ProposalComment
from ..proposal_targets import current_content, target_of


def proposal_list(*, status="", body=None, segment=None):
    """Proposals, newest first, filtered by status, body and segment."""
    proposals = Proposal.objects.select_related("body", "segment", "created_by")
    proposals = filter_given(proposals, status=status, body=body, segment=segment)
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


def comparison_lines(proposal, snapshot=None):
    """(current lines, proposed lines) of the proposal's target, in words."""
    snapshot = proposal.current_snapshot if snapshot is None else snapshot
    return target_of(proposal.target_kind).lines(proposal, snapshot)


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
