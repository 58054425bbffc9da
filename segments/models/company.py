"""Customer companies, the attributes staff define for them and their yearly values (5.1.1)."""

import functools
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from urllib.parse import quote

from concurrency.fields import IntegerVersionField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.urls import get_script_prefix, reverse
from django.utils.translation import gettext_lazy as _

from core.fields import reference
from core.indexes import PrefixSearchIndex
from segments.validators import validate_business_id, validate_industry_code

from .segment import Region, Segment


class Company(models.Model):
    """A business customer, identified by its Y-tunnus, and the segment it is placed in."""

    business_id = models.CharField(
        _("Y-tunnus"), max_length=9, unique=True, validators=[validate_business_id]
    )
    name = models.CharField(_("nimi"), max_length=300)
    region = reference(
        Region,
        _("alue"),
        related_name="companies",
        optional=True,
        help_text=_("TE-keskuksen alue."),
    )
    municipality = models.CharField(_("kotikunta"), max_length=100, blank=True)
    industry = models.CharField(
        _("toimiala (TOL 2008)"), max_length=5, blank=True, validators=[validate_industry_code]
    )
    founded_on = models.DateField(_("perustettu"), null=True, blank=True)
    # The placement and its flag are written by the yearly re-segmentation, set-based; the
    # transitions are their history (SegmentTransition), so they stay out of this model's.
    segment = reference(Segment, _("segmentti"), related_name="companies", optional=True)
    is_ready_to_move = models.BooleanField(
        _("valmis siirtymään eteenpäin"),
        default=False,
        help_text=_("Yritys täyttää segmenttinsä hyppy eteenpäin -kriteerit (viimeisin ajo)."),
    )
    is_active = models.BooleanField(_("toiminnassa"), default=True)
    is_synthetic = models.BooleanField(
        _("synteettinen"),
        default=False,
        help_text=_("Keksitty testiaineisto (generate_companies), ei todellinen yritys."),
    )
    version = IntegerVersionField()

    class Meta:
        ordering = ["name", "business_id"]
        verbose_name = _("yritys")
        verbose_name_plural = _("yritykset")
        indexes = [
            models.Index(fields=["name", "id"], name="company_name_idx"),
            # The name search is a case-insensitive prefix (company list, admin, portfolio).
            PrefixSearchIndex(fields=["name"], name="company_name_prefix_idx"),
            models.Index(fields=["segment", "name"], name="company_segment_name_idx"),
            models.Index(fields=["region", "name"], name="company_region_name_idx"),
            models.Index(
                fields=["name"],
                condition=Q(is_ready_to_move=True),
                name="company_ready_name_idx",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.business_id})"

    def get_absolute_url(self):
        return company_url(self.business_id)


def company_url(business_id):
    """The company page's address."""
    # Lists draw fifty of these; reverse() took a tenth of the company list's time.
    return _company_url_prefix(get_script_prefix()) + quote(business_id, safe="") + "/"


@functools.lru_cache(maxsize=8)
def _company_url_prefix(script_prefix):
    """The company page's address up to its Y-tunnus, reversed once per script prefix."""
    example = reverse("segments:company_detail", args=["0"])
    return example.removesuffix("0/")


class AttributeQuerySet(models.QuerySet):
    def by_code(self, codes=None):
        """The attributes as {code: attribute}: those of `codes`, or all of them."""
        attributes = self if codes is None else self.filter(code__in=list(codes))
        return {attribute.code: attribute for attribute in attributes}


# Attribute values' numbers are stored as decimal(20, DECIMAL_PLACES).
DECIMAL_PLACES = 4


class Attribute(models.Model):
    """A property that ministry staff attach to companies yearly, such as employees or turnover."""

    class ValueType(models.TextChoices):
        INTEGER = "integer", _("kokonaisluku")
        DECIMAL = "decimal", _("desimaaliluku")
        BOOLEAN = "boolean", _("kyllä/ei")
        CHOICE = "choice", _("valinta")
        TEXT = "text", _("teksti")

    # Stored in AttributeValue.number (yes/no as 1/0); the others in its text.
    NUMERIC_TYPES = frozenset({ValueType.INTEGER, ValueType.DECIMAL, ValueType.BOOLEAN})

    code = models.SlugField(
        _("tunnus"), max_length=50, unique=True, help_text=_("Käytetään säännöissä ja tuonnissa.")
    )
    name = models.CharField(_("nimi"), max_length=200)
    value_type = models.CharField(_("arvon tyyppi"), max_length=10, choices=ValueType.choices)
    unit = models.CharField(_("yksikkö"), max_length=30, blank=True)
    choices = models.TextField(
        _("sallitut arvot"), blank=True, help_text=_("Valintatyypille: yksi arvo riville.")
    )
    description = models.TextField(_("kuvaus"), blank=True)
    order = models.PositiveSmallIntegerField(_("järjestys"), default=0)
    # Values are stored with four decimals whatever they mean; this is how many of them
    # the pages show (a turnover in M€ to the thousand euros, a percentage to a tenth).
    decimals = models.PositiveSmallIntegerField(
        _("näytettävät desimaalit"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(DECIMAL_PLACES)],
        help_text=_(
            "Desimaaliluvuille: monellako desimaalilla arvot näytetään (0–4). Tyhjä: "
            "tallennettu arvo ilman lopun nollia."
        ),
    )

    objects = AttributeQuerySet.as_manager()

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("ominaisuus")
        verbose_name_plural = _("ominaisuudet")

    def __str__(self):
        return f"{self.name} ({self.unit})" if self.unit else self.name

    def get_absolute_url(self):
        return reverse("admin:segments_attribute_change", args=[self.pk])

    @property
    def is_numeric(self):
        return self.value_type in self.NUMERIC_TYPES

    @classmethod
    def typed_value(cls, value_type, number, text):
        """A stored value as its type reads it: an integer, a bool, an exact decimal or a
        text (None when it has none)."""
        if value_type == cls.ValueType.INTEGER and number is not None:
            return int(number)
        if value_type == cls.ValueType.BOOLEAN and number is not None:
            return bool(number)
        return number if value_type in cls.NUMERIC_TYPES else text

    @property
    def choice_list(self):
        return [line.strip() for line in self.choices.splitlines() if line.strip()]

    def clean(self):
        super().clean()
        if self.value_type == self.ValueType.CHOICE and not self.choice_list:
            raise ValidationError(
                {"choices": _("Valintatyyppiselle ominaisuudelle on annettava sallitut arvot.")}
            )
        if self.decimals is not None and self.value_type != self.ValueType.DECIMAL:
            raise ValidationError(
                {
                    "decimals": _(
                        "Näytettävät desimaalit annetaan vain desimaaliluvuille; jätä kenttä "
                        "tyhjäksi."
                    )
                }
            )

    def rounded(self, number):
        """A stored number as precisely as this attribute's values are read: to its
        `decimals` places, or without the trailing zeros of the four stored ones."""
        if self.decimals is not None:
            return number.quantize(Decimal(1).scaleb(-self.decimals), rounding=ROUND_HALF_UP)
        if number == number.to_integral_value():
            return number.quantize(Decimal(1))
        return number.normalize()

    def parse(self, raw):
        """A value given as text (form, file, rule) as this attribute's type; Finnish errors.

        Numbers accept a decimal comma; yes/no accepts kyllä/ei, ja/nej, yes/no, 1/0.
        """
        text = str(raw).strip() if raw is not None else ""
        if text == "":
            raise ValidationError(_("Arvo puuttuu."), code="required")
        if self.value_type in (self.ValueType.INTEGER, self.ValueType.DECIMAL):
            try:
                number = Decimal(text.replace("\xa0", "").replace(" ", "").replace(",", "."))
            except InvalidOperation:
                number = None
            # Infinity, NaN and huge exponents are refused before any arithmetic on them:
            # int() of 1e999999 would run for minutes.
            if number is None or not number.is_finite():
                message = (
                    _("%(value)s ei ole kokonaisluku.")
                    if self.value_type == self.ValueType.INTEGER
                    else _("%(value)s ei ole luku.")
                )
                raise ValidationError(message, code="invalid", params={"value": text})
            number = _bounded(number, text)
            if self.value_type == self.ValueType.INTEGER:
                if number != number.to_integral_value():
                    raise ValidationError(
                        _("%(value)s ei ole kokonaisluku."), code="invalid", params={"value": text}
                    )
                return int(number)
            return number
        if self.value_type == self.ValueType.BOOLEAN:
            lowered = text.lower()
            if lowered in {"kyllä", "k", "ja", "yes", "true", "1"}:
                return True
            if lowered in {"ei", "e", "nej", "no", "false", "0"}:
                return False
            raise ValidationError(
                _("%(value)s ei ole kyllä tai ei."), code="invalid", params={"value": text}
            )
        if self.value_type == self.ValueType.CHOICE:
            if text not in self.choice_list:
                raise ValidationError(
                    _("%(value)s ei ole sallittu arvo. Sallitut: %(allowed)s."),
                    code="invalid_choice",
                    params={"value": text, "allowed": ", ".join(self.choice_list)},
                )
            return text
        if len(text) > AttributeValue.TEXT_MAX_LENGTH:
            raise ValidationError(
                _("Teksti on liian pitkä: enintään %(limit)s merkkiä."),
                code="max_length",
                params={"limit": AttributeValue.TEXT_MAX_LENGTH},
            )
        return text


# Numbers are stored as decimal(20, 4): 16 digits before the point.
_NUMBER_LIMIT = Decimal("1e16")


def _bounded(number, text):
    if abs(number) >= _NUMBER_LIMIT:
        raise ValidationError(
            _("%(value)s on liian suuri."), code="too_large", params={"value": text}
        )
    return number


class AttributeValue(models.Model):
    """A company's value of an attribute for a year; numbers (and yes/no as 1/0) in one column,
    choices and texts in another, so that rules compare them in the database."""

    TEXT_MAX_LENGTH = 200

    # No index of its own: the unique (company, attribute, year) index serves a company's
    # values, and a sixth index would only slow the yearly upload of 2,000,000 values.
    company = reference(
        Company,
        _("yritys"),
        related_name="attribute_values",
        on_delete=models.CASCADE,
        db_index=False,
    )
    attribute = reference(Attribute, _("ominaisuus"), related_name="values")
    year = models.PositiveSmallIntegerField(_("vuosi"))
    number = models.DecimalField(
        _("lukuarvo"), max_digits=20, decimal_places=DECIMAL_PLACES, null=True, blank=True
    )
    # null, not "": a numeric value leaves the text column empty (see the check constraint).
    text = models.CharField(_("tekstiarvo"), max_length=TEXT_MAX_LENGTH, null=True, blank=True)  # noqa: DJ001
    # When the value was last written, so that the integration API's `updated_since` sees a
    # company whose values changed (values keep no history: they are high-volume facts).
    # null for values written before the column existed.
    changed_at = models.DateTimeField(_("muutettu"), auto_now=True, null=True, editable=False)

    class Meta:
        ordering = ["company", "attribute__order", "year"]
        verbose_name = _("ominaisuuden arvo")
        verbose_name_plural = _("ominaisuuksien arvot")
        constraints = [
            models.UniqueConstraint(
                fields=["company", "attribute", "year"],
                name="attribute_value_one_per_year",
                violation_error_message=_(
                    "Yrityksellä on jo tämän ominaisuuden arvo tälle vuodelle."
                ),
            ),
            models.CheckConstraint(
                condition=Q(number__isnull=True) | Q(text__isnull=True),
                name="attribute_value_one_column",
                violation_error_message=_("Arvo on joko luku tai teksti, ei molempia."),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=1900) & Q(year__lte=2100),
                name="attribute_value_year_range",
                violation_error_message=_("Vuoden on oltava välillä 1900–2100."),
            ),
        ]
        indexes = [
            # A year's values of one attribute, with the company and the value in the index
            # itself: the rules' evaluation (a run, the editor's preview) reads them by
            # index only, without visiting the table's 6 million rows.
            models.Index(
                fields=["year", "attribute", "company", "number", "text"],
                name="attribute_value_year_idx",
            ),
            models.Index(fields=["changed_at"], name="attribute_value_changed_idx"),
        ]

    def __str__(self):
        return f"{self.attribute} {self.year}: {self.display_value}"

    @property
    def value(self):
        return Attribute.typed_value(self.attribute.value_type, self.number, self.text)

    @property
    def display_value(self):
        """The value as pages show it: yes/no in words, a decimal number to its attribute's
        precision (the template localizes it: 16,786 in Finnish, 16.786 in English)."""
        value = self.value
        if isinstance(value, bool):
            return _("kyllä") if value else _("ei")
        if isinstance(value, Decimal):
            return self.attribute.rounded(value)
        return value

    def set_value(self, value):
        """Store a parsed value in the column of its attribute's type."""
        self.number, self.text = self.columns_of(self.attribute, value)

    @staticmethod
    def columns_of(attribute, value):
        """(number, text): the columns that hold a parsed value of `attribute`."""
        if attribute.is_numeric:
            return Decimal(int(value)) if isinstance(value, bool) else Decimal(value), None
        return None, value
