"""Install the queueing triggers again, after the work migrations that followed 0002.

On SQLite, Django adds a NOT NULL column by remaking the table (create a copy, move the rows,
drop the old one), and dropping a table drops its triggers: work 0007 and 0008 remade
`work_task` and `work_contribution`, so a node migrated in that order stopped queueing their
changes. This migration runs after them, installs every trigger of 0002 again (dropped first
where it survived, so it is safe on PostgreSQL too) and queues every object once, so whatever
changed while the triggers were gone is indexed again. The test
`test_every_watched_table_keeps_its_triggers` fails when a later migration remakes a watched
table without a migration like this one after it.
"""

import importlib

from django.db import migrations

from commoning.search import triggers

SHAPE = importlib.import_module("commoning.search.migrations.0002_full_text_and_triggers")


def forwards(apps, schema_editor):
    triggers.remove(schema_editor, SHAPE.WATCHES)
    triggers.install(schema_editor, SHAPE.WATCHES)
    for statement in SHAPE.QUEUE_EXISTING:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_full_text_and_triggers"),
        ("work", "0009_artifact_files"),
        ("accounts", "0004_security_event_count"),
        ("commons", "0001_initial"),
        ("log", "0004_counters_and_state_hash_position"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
