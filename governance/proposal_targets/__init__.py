"""The kinds of item a proposal changes (Proposal.TargetKind): one class per kind, in a
module of its own, saying everything about the kind — its label, the content form, the
content's validation, the target's current value, how an approved proposal is applied
(through the owning app's services) and the lines the proposal's diff shows.

A kind module subclasses `base.ProposalTarget` and sets `kind`; the app loads every module
of this package when it starts (`registry.load`), and the registry must then cover
`Proposal.TargetKind` exactly. Adding a kind: a module here, its template (if its form page
or its proposal page says something of its own), its tests, and its choice in
`Proposal.TargetKind`."""

from .registry import target_of


def current_content(target_kind, *, segment, perspective=""):
    """The target's current content, for the snapshot a proposal is compared against."""
    return target_of(target_kind).current(segment=segment, perspective=perspective)


__all__ = ["current_content", "target_of"]
