"""Publishing a version of the strategy document: its contents frozen as they read now."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.db.models import Max
from django.utils.translation import gettext as _

from core.db import one_snapshot

from ..models import Decision, StrategyVersion
from ..selectors.strategy_document import LANGUAGES, strategy_document

# A decision that approved something (a proposal, or a strategic question decided).
APPROVING = (Decision.Outcome.APPROVED, Decision.Outcome.DECIDED)


def strategy_version_publish(*, year, decision, note="", by):
    """Publish the year's strategy document as approved by `decision`: the next version
    number of the year, the contents in every language frozen at this moment."""
    if decision is None or decision.outcome not in APPROVING:
        raise ValidationError(
            {
                "decision": _(
                    "Valitse päätös, jolla strategia on hyväksytty (hyväksytty tai päätetty)."
                )
            }
        )
    try:
        # The three languages read in one snapshot, so that a change saved meanwhile
        # cannot make them disagree.
        with one_snapshot():
            contents = {
                language: strategy_document(year=year, language=language).as_json()
                for language in LANGUAGES
            }
            latest = StrategyVersion.objects.filter(year=year).aggregate(n=Max("number"))["n"] or 0
            version = StrategyVersion(
                year=year,
                number=latest + 1,
                decision=decision,
                note=note,
                published_by=by,
                contents=contents,
            )
            version.full_clean()
            version.save()
    except IntegrityError as error:
        # Two publishers at once: the unique (year, number) lets one of them through.
        raise ValidationError(
            _("Toinen julkaisu ehti ensin. Tarkista versiot ja julkaise tarvittaessa uudelleen.")
        ) from error
    return version
