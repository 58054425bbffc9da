"""Attribute values shown to the precision their attribute warrants (issue 17, item 6):
"16,786 M€" and "0,0 %", not the four stored decimals "16,7860" and "0,0000"."""

import importlib
from decimal import Decimal

import pytest
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse

from segments.models import Attribute
from tests.factories import AttributeFactory, CompanyFactory, business_id

pytestmark = pytest.mark.django_db

by_unit = importlib.import_module("segments.migrations.0017_attribute_decimals_by_unit")


@pytest.mark.parametrize(
    ("decimals", "stored", "shown"),
    [
        (3, "16.7860", "16.786"),
        (1, "0.0000", "0.0"),
        (1, "12.3500", "12.4"),  # half up, as people round
        (1, "-3.2500", "-3.3"),
        (0, "2.5000", "3"),
        (4, "0.0001", "0.0001"),
        (None, "16.7860", "16.786"),  # no setting: the stored value without trailing zeros
        (None, "0.0000", "0"),
        (None, "250.0000", "250"),
        (None, "0.0500", "0.05"),
    ],
)
def test_attribute_rounded__to_its_decimals_or_without_trailing_zeros(decimals, stored, shown):
    attribute = Attribute(code="x", value_type="decimal", decimals=decimals)
    assert str(attribute.rounded(Decimal(stored))) == shown


@pytest.mark.parametrize("value_type", ["integer", "boolean", "choice", "text"])
def test_attribute_clean__decimals_only_for_decimal_numbers(value_type):
    attribute = Attribute(code="x", name_fi="X", value_type=value_type, decimals=1, choices="a")
    with pytest.raises(ValidationError) as error:
        attribute.full_clean()
    assert "vain desimaaliluvuille" in error.value.message_dict["decimals"][0]


@pytest.mark.parametrize(("decimals", "valid"), [(0, True), (4, True), (5, False)])
def test_attribute_clean__at_most_the_four_stored_decimals(decimals, valid):
    attribute = Attribute(code="x", name_fi="X", value_type="decimal", decimals=decimals)
    if valid:
        attribute.full_clean()
    else:
        with pytest.raises(ValidationError, match="4"):
            attribute.full_clean()


@pytest.fixture
def valued_company():
    turnover = AttributeFactory(turnover=True, unit_fi="M€", decimals=3, order=1)
    growth = AttributeFactory(
        code="kasvu", name_fi="Kasvu", value_type="decimal", unit_fi="%", decimals=1, order=2
    )
    staff = AttributeFactory(staff=True, unit_fi="hlö", order=3)
    return CompanyFactory(
        business_id=business_id(77),
        name="Tarkka Oy",
        values={turnover: Decimal("16.786"), growth: Decimal("0"), staff: Decimal(12)},
    )


@pytest.mark.parametrize(
    ("language", "turnover", "growth"),
    [("fi", "16,786", "0,0"), ("sv", "16,786", "0,0"), ("en", "16.786", "0.0")],
)
def test_company_detail__values_to_their_precision_in_each_language(
    client, working_group_user, valued_company, language, turnover, growth
):
    client.force_login(working_group_user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.get(valued_company.get_absolute_url()).content.decode()
    assert f'<td class="number">{turnover}</td>' in page
    assert f'<td class="number">{growth}</td>' in page
    assert '<td class="number">12</td>' in page
    assert "16,7860" not in page and "16.7860" not in page and "0,0000" not in page


def test_company_admin__values_to_their_precision(client, ministry_user, valued_company):
    client.force_login(ministry_user)
    page = client.get(
        reverse("admin:segments_company_change", args=[valued_company.pk])
    ).content.decode()
    assert "<p>16,786</p>" in page and "<p>0,0</p>" in page and "16,7860" not in page


def test_attribute_value_admin__list_to_their_precision(client, ministry_user, valued_company):
    client.force_login(ministry_user)
    page = client.get(
        reverse("admin:segments_attributevalue_changelist"), {"q": valued_company.business_id}
    ).content.decode()
    assert "16,786" in page and "16,7860" not in page


def test_attribute_admin__decimals_set_with_a_reason_and_history(client, ministry_user):
    attribute = AttributeFactory(turnover=True, unit_fi="M€")
    client.force_login(ministry_user)
    url = reverse("admin:segments_attribute_change", args=[attribute.pk])
    data = {
        "code": attribute.code,
        "name_fi": attribute.name_fi,
        "value_type": "decimal",
        "unit_fi": "M€",
        "decimals": "2",
        "order": "0",
        "change_reason": "Liikevaihto kahdella desimaalilla",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    attribute.refresh_from_db()
    assert attribute.decimals == 2
    latest = attribute.history.latest()
    assert (latest.decimals, latest.history_user, latest.history_change_reason) == (
        2,
        ministry_user,
        "Liikevaihto kahdella desimaalilla",
    )
    response = client.post(url, {**data, "decimals": "9", "change_reason": "x"})
    assert response.status_code == 200
    attribute.refresh_from_db()
    assert attribute.decimals == 2


def test_decimals_by_unit__percentages_to_a_tenth_turnover_to_thousands(db):
    percent = AttributeFactory(code="vienti", value_type="decimal", unit_fi="%")
    turnover = AttributeFactory(turnover=True, unit_fi="M€")
    other = AttributeFactory(code="muu", value_type="decimal", unit_fi="kpl")
    staff = AttributeFactory(staff=True, unit_fi="%")  # an integer: no decimals to show
    chosen = AttributeFactory(code="valittu", value_type="decimal", unit_fi="%", decimals=3)

    by_unit.decimals_by_unit(apps, None)

    decimals = dict(Attribute.objects.values_list("code", "decimals"))
    assert decimals == {
        percent.code: 1,
        turnover.code: 3,
        other.code: None,
        staff.code: None,
        chosen.code: 3,  # what staff chose stays
    }
    # The change is a history row of its own, with the migration as its reason; the rows
    # before it are untouched.
    latest = percent.history.latest()
    assert (latest.decimals, latest.history_change_reason) == (1, by_unit.SET_REASON)
    assert latest.history_user is None
    assert percent.history.earliest().decimals is None
    assert not other.history.filter(history_change_reason=by_unit.SET_REASON).exists()

    by_unit.decimals_unset(apps, None)
    # Undone: what the migration set; the precision staff chose stays.
    decimals = dict(Attribute.objects.values_list("code", "decimals"))
    assert (decimals[percent.code], decimals[turnover.code], decimals[chosen.code]) == (
        None,
        None,
        3,
    )
    assert percent.history.latest().history_change_reason == by_unit.UNSET_REASON
