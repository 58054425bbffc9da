from django.db import migrations
from django.db.models import F, Value
from django.db.models.functions import Coalesce, NullIf

# A needs message's answer and a plan item's text were kept in one column; each goes into
# the column of the language recorded for it (the answer's `answer_language`; a plan item's
# `original_language`, Finnish for every existing item), the history's rows too, so that a
# later save shows no change from nothing. The one column stays: modeltranslation keeps it
# filled on every save, and the answered message's constraint reads it. Reversed, the one
# column gets the text as written back.
WRITTEN = {
    "needsmessage": ("answer", "answer_language"),
    "planitem": ("text", "original_language"),
}
LANGUAGES = ("fi", "sv", "en")


def _models(apps, name):
    return apps.get_model("governance", name), apps.get_model("governance", f"historical{name}")


def _texts_to_language_columns(apps, schema_editor):
    for name, (field, language_field) in WRITTEN.items():
        for model in _models(apps, name):
            for language in LANGUAGES:
                model.objects.filter(**{language_field: language}).exclude(
                    **{field: ""}
                ).update(**{f"{field}_{language}": F(field)})


def _texts_to_one_column(apps, schema_editor):
    for name, (field, language_field) in WRITTEN.items():
        for model in _models(apps, name):
            for language in LANGUAGES:
                model.objects.filter(**{language_field: language}).update(
                    **{field: Coalesce(NullIf(f"{field}_{language}", Value("")), F(field))}
                )


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0016_add_plan_item_and_answer_language_columns"),
    ]

    operations = [
        migrations.RunPython(_texts_to_language_columns, _texts_to_one_column),
    ]
