"""Queue proposals for the search index whenever their rows change (search/triggers.py)."""

from django.db import migrations

from commoning.decisions.search_kind import WATCHES
from commoning.search import triggers


def forwards(apps, schema_editor):
    triggers.install(schema_editor, WATCHES)
    schema_editor.execute("INSERT INTO search_searchpending (kind, object_id) "
                          "SELECT 'proposal', id FROM decisions_proposal")


def backwards(apps, schema_editor):
    triggers.remove(schema_editor, WATCHES)


class Migration(migrations.Migration):
    dependencies = [
        ("decisions", "0001_initial"),
        ("search", "0003_triggers_again_after_table_remakes"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
