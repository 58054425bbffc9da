"""What the content forms of every kind share: the title and rationale, the version when
editing, and the kind's validation of the content the form produces."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.forms import ui_language, writing_language
from core.translation import original_text

from ..forms.common import STALE_FORM, hidden_errors_to_top, required


def split_lines(text):
    """The non-empty lines of a text area, stripped."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def changed(data, snapshot, names):
    """The fields of `names` whose value differs from the target's current one."""
    return {name: data[name] for name in names if data.get(name) != snapshot.get(name)}


def text_area(rows):
    return forms.Textarea(attrs={"rows": rows})


class ProposalContentForm(forms.Form):
    """Step 2 of drafting, shared by every kind: title and rationale, and the version when
    editing. Each kind's form adds its fields (`setup`) and says what content they make
    (`content`); the kind checks that content (`ProposalTarget.validate`)."""

    title = forms.CharField(
        label=_("Otsikko"),
        max_length=200,
        error_messages={
            **required(_("Anna ehdotukselle otsikko.")),
            "max_length": _("Otsikko on liian pitkä: enintään %(limit_value)d merkkiä."),
        },
    )
    rationale = forms.CharField(
        label=_("Perustelut"),
        max_length=5000,
        widget=text_area(5),
        error_messages={
            **required(_("Perustele ehdotus.")),
            "max_length": _("Perustelut ovat liian pitkät: enintään %(limit_value)d merkkiä."),
        },
    )
    original_language = writing_language(
        help_text=_(
            "Otsikon ja perustelujen kieli. Ehdotetut sanamuodot kirjoitetaan suomeksi: niistä "
            "tulee segmentin suomenkieliset tekstit, ja käännökset lisätään käännösjonossa."
        )
    )
    version = forms.IntegerField(
        widget=forms.HiddenInput, required=False, error_messages={"invalid": STALE_FORM}
    )

    def __init__(self, *args, target, segment, snapshot, proposal=None, **kwargs):
        self.target = target
        self.segment = segment
        self.snapshot = snapshot
        self.proposal = proposal
        super().__init__(*args, **kwargs)
        if proposal is None:
            del self.fields["version"]
            self.initial.setdefault("original_language", ui_language())
        else:
            self.initial.update(
                title=original_text(proposal, "title"),
                rationale=original_text(proposal, "rationale"),
                original_language=proposal.original_language,
                version=proposal.version,
            )
        self.setup()

    @property
    def source(self):
        """What the fields start from: the proposal's content when editing, else the
        target's current content."""
        return self.proposal.content if self.proposal is not None else self.snapshot

    def setup(self):
        """Fields, choices and initial values that depend on the segment and the text."""

    def content(self, data):
        raise NotImplementedError

    def chosen_promise(self, data):
        return None

    def clean(self):
        data = super().clean()
        hidden_errors_to_top(self)
        if self.errors:
            return data
        content = self.content(data)
        try:
            self.target.validate(
                content, segment=self.segment, chosen_promise=self.chosen_promise(data)
            )
        except ValidationError as error:
            for message in error.messages:
                self.add_error(None, message)
        data["content"] = content
        data["chosen_promise"] = self.chosen_promise(data)
        return data
