"""Who may do what with the offering, in one place: predicates `can_<verb>_<entity>(user, obj)`.

Roles give the model permissions (the views ask for them); the predicates below add what
depends on the object itself."""


def can_resolve_finding(user, finding):
    """Whoever may change findings, and the finding's own owner, may mark it resolved."""
    return user.has_perm("offerings.change_finding") or finding.owner_id == user.pk


def can_view_offering(user):
    """Services and the segments they are offered to: both are read to show an offering
    (the segment page asks only for segment permissions)."""
    return user.has_perms(["offerings.view_service", "offerings.view_segmentoffering"])
