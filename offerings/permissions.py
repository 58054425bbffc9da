"""Who may do what with the offering, in one place: predicates `can_<verb>_<entity>(user, obj)`.

Roles give the model permissions (the views ask for them); the predicates below add what
depends on the object itself."""


def can_resolve_finding(user, finding):
    """Whoever may change findings, and the finding's own owner, may mark it resolved."""
    return user.has_perm("offerings.change_finding") or finding.owner_id == user.pk
