"""What every proposal target kind has (`ProposalTarget`), and the checks its content's
JSON is made of: texts, lists of lines and known keys, each refused with a Finnish message
on the proposal's "content"."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ..models import Proposal
from . import registry

MAX_LINE = 1000
MAX_TEXT = 5000


class ProposalTarget:
    """One kind of item a proposal changes. Subclasses set `kind` (a Proposal.TargetKind
    value) and `form_class`, and implement `check` (the content's shape), `current` (the
    target's content now, in the same shape), `apply` (an approved proposal, through the
    owning app's services) and `lines` (the diff's rows). `template`, when set, renders the
    kind's own words: part "intro" on the form page, part "detail" on the proposal's page."""

    kind = None
    form_class = None
    template = None

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if cls.kind is not None:
            registry.register(cls)

    def label(self, perspective=""):
        """The kind in words, as the proposal's facts show it."""
        return Proposal.TargetKind(self.kind).label

    def validate(self, content, *, segment, chosen_promise=None):
        """Raise a ValidationError (on "content") unless `content` fits the kind."""
        if not isinstance(content, dict):
            raise content_error(_("Ehdotuksen sisällön on oltava kenttiä ja arvoja."))
        self.check(content, segment=segment, chosen_promise=chosen_promise)

    def check(self, content, *, segment, chosen_promise):
        raise NotImplementedError

    def current(self, *, segment, perspective=""):
        raise NotImplementedError

    def apply(self, proposal, effects):
        """Change the target as the approved proposal says; `effects` records each change
        (services.proposals._Effects)."""
        raise NotImplementedError

    def lines(self, proposal, snapshot):
        """(current lines, proposed lines) of the target, in words, for the diff."""
        raise NotImplementedError

    def content_form(self, data=None, *, segment, perspective="", proposal=None):
        """The kind's content form, starting from the target's text: as it was when the
        proposal was drafted (editing), or as it is now (drafting)."""
        if proposal is not None:
            snapshot = proposal.current_snapshot
        else:
            snapshot = self.current(segment=segment, perspective=perspective)
        return self.form_class(
            data, target=self, segment=segment, snapshot=snapshot, proposal=proposal
        )


# --- The checks the kinds' content is made of ----------------------------------------------


def content_error(message, **params):
    return ValidationError({"content": message % params if params else message})


def check_text(value, *, name, required=False, max_length=MAX_TEXT):
    if not isinstance(value, str):
        raise content_error(_("Kentän %(name)s on oltava tekstiä."), name=name)
    if required and not value.strip():
        raise content_error(_("Kenttä %(name)s on pakollinen."), name=name)
    if len(value) > max_length:
        raise content_error(
            _("Kenttä %(name)s on liian pitkä (enintään %(max)s merkkiä)."),
            name=name,
            max=max_length,
        )
    return value


def check_lines(value, *, name, required=False):
    if not isinstance(value, list):
        raise content_error(_("Kentän %(name)s on oltava luettelo riveistä."), name=name)
    for line in value:
        check_text(line, name=name, required=True, max_length=MAX_LINE)
    if required and not value:
        raise content_error(_("Anna vähintään yksi rivi kenttään %(name)s."), name=name)
    return value


def check_keys(content, allowed):
    unknown = sorted(set(content) - set(allowed))
    if unknown:
        raise content_error(_("Tuntemattomat kentät: %(names)s."), names=", ".join(unknown))


def check_texts(content, names):
    """Each of `names` that the content has is a text."""
    for name in names:
        if name in content:
            check_text(content[name], name=name)


def field_lines(model, fields, snapshot, content, shown=None):
    """The diff of a kind whose content is some of `fields` of `model`: lines "label:
    value" before and after, for the fields the proposal changes; `shown` puts stored
    values in words."""
    labels = {f.name: str(f.verbose_name) for f in model._meta.fields}
    names = [name for name in fields if name in content]
    shown = shown or (lambda values: values)

    def lines(values):
        values = shown(values)
        return [f"{labels.get(name, name)}: {values.get(name) or '–'}" for name in names]

    return lines(snapshot), lines({**snapshot, **content})
