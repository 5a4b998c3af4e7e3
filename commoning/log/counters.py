"""Counts the home page and the log page show, kept exact where rows are stored.

A page must not count over the log per request (a COUNT over a million entries is tens of
milliseconds, every time). Instead a row per (network, name) in LogCounter holds each count,
and database triggers on the counted tables add or take one per row inserted or deleted, in
the same transaction as the change. Triggers rather than calls in Python: every way a row
arrives or leaves (append, ingest, parking, waking, rebuild, a bulk delete) moves the count,
with no caller to forget. `recount` recomputes every counter from real COUNTs (rebuild, doctor,
the migration that installs the triggers).
"""

from django.apps import apps
from django.db import transaction
from django.db.models import Count

from commoning.log.models import LogCounter

# name -> the model whose rows of a network it counts (by its `net` column).
COUNTED = {
    "entries": "log.Entry",
    "parked": "log.ParkedEntry",
    "members": "accounts.Member",
    "commons": "commons.Commons",
}


def counts(net: str) -> dict[str, int]:
    """Every counter of a network, 0 for those with no row yet: one indexed query."""
    found = dict(LogCounter.objects.filter(net=net).values_list("name", "value"))
    return {name: found.get(name, 0) for name in COUNTED}


def recount(apps_registry=apps) -> None:
    """Set every counter to the real COUNT of its table, per network (a full scan of each).

    Takes the app registry so the migration that installs the triggers can run it too."""
    counter_model = apps_registry.get_model("log", "LogCounter")
    with transaction.atomic():
        counter_model.objects.all().delete()
        rows = [
            counter_model(net=net, name=name, value=value)
            for name, label in COUNTED.items()
            for net, value in apps_registry.get_model(label)
            .objects.order_by()
            .values_list("net")
            .annotate(value=Count("*"))
        ]
        counter_model.objects.bulk_create(rows)


def trigger_statements(vendor: str, table: str, name: str, counter_table: str) -> list[str]:
    """SQL creating the triggers that keep counter `name` equal to the rows of `table` per net.

    Names come from models and COUNTED, never from input. SQLite fires per row; PostgreSQL
    calls one shared function, told the counter's name by its argument.
    """
    if vendor == "postgresql":
        return [
            f"CREATE TRIGGER {table}_counted AFTER INSERT OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION commoning_count_rows('{counter_table}', '{name}')"
        ]
    return [
        f"CREATE TRIGGER {table}_counted_insert AFTER INSERT ON {table} BEGIN "  # noqa: S608
        f"INSERT OR IGNORE INTO {counter_table} (net, name, value) VALUES (NEW.net, '{name}', 0); "
        f"UPDATE {counter_table} SET value = value + 1 WHERE net = NEW.net AND name = '{name}'; "
        "END",
        f"CREATE TRIGGER {table}_counted_delete AFTER DELETE ON {table} BEGIN "  # noqa: S608
        f"UPDATE {counter_table} SET value = value - 1 WHERE net = OLD.net AND name = '{name}'; "
        "END",
    ]


POSTGRESQL_FUNCTION = """
CREATE OR REPLACE FUNCTION commoning_count_rows() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    EXECUTE format('INSERT INTO %I (net, name, value) VALUES ($1, $2, 1) '
                   'ON CONFLICT (net, name) DO UPDATE SET value = %I.value + 1',
                   TG_ARGV[0], TG_ARGV[0]) USING NEW.net, TG_ARGV[1];
    RETURN NEW;
  END IF;
  EXECUTE format('UPDATE %I SET value = value - 1 WHERE net = $1 AND name = $2', TG_ARGV[0])
    USING OLD.net, TG_ARGV[1];
  RETURN OLD;
END
$$ LANGUAGE plpgsql
"""


def install_triggers(apps_registry, schema_editor) -> None:
    """Create the counting triggers (used by the migration, with its historical models)."""
    vendor = schema_editor.connection.vendor
    counter_table = apps_registry.get_model("log", "LogCounter")._meta.db_table
    if vendor == "postgresql":
        schema_editor.execute(POSTGRESQL_FUNCTION, params=None)  # its % are format()'s own
    for name, label in COUNTED.items():
        table = apps_registry.get_model(label)._meta.db_table
        for statement in trigger_statements(vendor, table, name, counter_table):
            schema_editor.execute(statement)


def remove_triggers(apps_registry, schema_editor) -> None:
    """Drop the counting triggers (the migration's way back)."""
    vendor = schema_editor.connection.vendor
    for label in COUNTED.values():
        table = apps_registry.get_model(label)._meta.db_table
        if vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_counted ON {table}")
        else:
            for suffix in ("insert", "delete"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_counted_{suffix}")
    if vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS commoning_count_rows()")
