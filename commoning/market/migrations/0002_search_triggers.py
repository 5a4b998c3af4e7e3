"""Queue listings for the search index whenever their title, text or openness changes (see
commoning/search/triggers.py); a withdrawn listing is dropped from search."""

from django.db import migrations

from commoning.search import triggers

WATCHES = [
    triggers.Watch("market_listing", "listing", "id", ("title", "description_hash", "open")),
]


def forwards(apps, schema_editor):
    triggers.install(schema_editor, WATCHES)


def backwards(apps, schema_editor):
    triggers.remove(schema_editor, WATCHES)


class Migration(migrations.Migration):
    dependencies = [
        ("market", "0001_initial"),
        ("search", "0003_triggers_again_after_table_remakes"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
