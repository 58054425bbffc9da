"""What the synthetic data set needs in the database before it is written: the initial
data's regions and segments, and the attributes its values are of."""

from core.history import save_with_history
from segments.models import Attribute

ATTRIBUTE_REASON = "Synteettisen aineiston ominaisuus"

# (code, Finnish name, type, unit, order, decimals shown): the attributes the data set and
# the demo rules use; shown to the precision the generator keeps (generator._values).
ATTRIBUTES = [
    ("henkilosto", "Henkilöstö", Attribute.ValueType.INTEGER, "hlö", 10, None),
    ("liikevaihto", "Liikevaihto", Attribute.ValueType.DECIMAL, "M€", 20, 3),
    ("vientiosuus", "Vientiosuus", Attribute.ValueType.DECIMAL, "%", 30, 1),
    ("kasvu", "Liikevaihdon kasvu", Attribute.ValueType.DECIMAL, "%", 40, 1),
    ("tki_osuus", "T&K-menojen osuus liikevaihdosta", Attribute.ValueType.DECIMAL, "%", 50, 1),
]
ATTRIBUTE_CODES = [code for code, *_rest in ATTRIBUTES]
NUMERIC = {Attribute.ValueType.INTEGER, Attribute.ValueType.DECIMAL}


class SyntheticDataError(Exception):
    """The data set cannot be written as asked; the message says why, in Finnish."""


def require(model, codes, what):
    """The rows of `model` with these codes, by code; refused when the initial data lacks any."""
    found = {obj.code: obj for obj in model.objects.filter(code__in=codes)}
    missing = sorted(set(codes) - set(found))
    if missing:
        raise SyntheticDataError(
            f"{what} puuttuu: {', '.join(missing)}. Lataa ensin alkutiedot: "
            "python manage.py load_strategy_2008."
        )
    return found


def attributes_ensure(*, by=None):
    """The data set's attributes by code, created where missing; an existing attribute is left
    as staff have defined it, but it must hold numbers for the values to mean anything."""
    attributes = Attribute.objects.by_code(ATTRIBUTE_CODES)
    for code, name, value_type, unit, order, decimals in ATTRIBUTES:
        attribute = attributes.get(code)
        if attribute is None:
            attribute = Attribute(
                code=code,
                name_fi=name,
                value_type=value_type,
                unit_fi=unit,
                order=order,
                decimals=decimals,
            )
            attributes[code] = save_with_history(attribute, by=by, reason=ATTRIBUTE_REASON)
        elif attribute.value_type not in NUMERIC:
            raise SyntheticDataError(
                f"Ominaisuus {code} on tyypiltään {attribute.get_value_type_display()}; "
                "synteettinen aineisto tarvitsee siihen lukuarvon (kokonaisluku tai desimaaliluku)."
            )
    return attributes
