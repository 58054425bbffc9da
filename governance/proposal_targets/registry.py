"""The registry of proposal target kinds. It imports nothing of the project, so that the
Proposal model can find its kind's validation here without an import circle."""

import pkgutil
from importlib import import_module

_TARGETS = {}


def register(target_class):
    """Called for each ProposalTarget subclass that names its kind."""
    if target_class.kind in _TARGETS:
        raise ValueError(f"Proposal target kind {target_class.kind!r} is registered twice.")
    _TARGETS[target_class.kind] = target_class()


def load():
    """Import every module of the package (the app does this once, when it is ready)."""
    package = import_module(__package__)
    for module in pkgutil.iter_modules(package.__path__):
        import_module(f"{__package__}.{module.name}")
    return kinds()


def target_of(kind):
    """The ProposalTarget of a Proposal.TargetKind value."""
    return _TARGETS[kind]


def kinds():
    return sorted(_TARGETS)
