"""Swedish and English catalogues are complete and compiled (Language Act 423/2003)."""

import ast
import gettext
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parent.parent / "locale"
LANGUAGES = ["sv", "en"]


def _entries(po_path):
    """Yield (key, translations, is_fuzzy) for each entry of a .po file; key as in a .mo catalog."""
    entry, field, fuzzy = {}, None, False
    for raw in [*po_path.read_text(encoding="utf-8").splitlines(), ""]:
        line = raw.strip()
        if not line:
            if "msgid" in entry:
                yield _key(entry), _translations(entry), fuzzy
            entry, field, fuzzy = {}, None, False
        elif line.startswith("#,"):
            fuzzy = "fuzzy" in line
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            entry[field] += ast.literal_eval(line)
        else:
            field, _, value = line.partition(" ")
            entry[field] = ast.literal_eval(value)


def _key(entry):
    msgid = entry["msgid"]
    if "msgctxt" in entry:
        msgid = f"{entry['msgctxt']}\x04{msgid}"
    return msgid


def _translations(entry):
    if "msgid_plural" in entry:
        return {n: entry[f"msgstr[{n}]"] for n in range(2) if f"msgstr[{n}]" in entry}
    return {None: entry["msgstr"]}


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations__every_text_is_translated_and_none_is_fuzzy(language):
    po = LOCALE / language / "LC_MESSAGES" / "django.po"
    problems = [
        key
        for key, translations, fuzzy in _entries(po)
        if key and (fuzzy or not all(translations.values()))
    ]
    assert problems == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations__the_compiled_catalogue_matches_the_source(language):
    folder = LOCALE / language / "LC_MESSAGES"
    with (folder / "django.mo").open("rb") as mo:
        catalog = gettext.GNUTranslations(mo)._catalog
    mismatches = []
    for key, translations, fuzzy in _entries(folder / "django.po"):
        if not key or fuzzy:
            continue
        for n, text in translations.items():
            compiled = catalog.get(key if n is None else (key, n))
            if compiled != text:
                mismatches.append(key)
    assert mismatches == [], "run `make messages` to compile the catalogues"
