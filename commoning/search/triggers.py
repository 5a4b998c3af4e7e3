"""Database triggers that queue objects for indexing whenever the rows they are made from change.

Triggers rather than calls from apply functions, for the reason log/counters.py gives: every
way a row arrives, changes or leaves (append, ingest, parking, waking, rebuild's bulk delete)
queues it, with no caller to forget. A trigger only queues (kind, id); the indexer reads the
projections afterwards (index.catch_up), so the SQL stays the same small statement for every
table and all the rules of what a document holds stay in Python.

Migrations call `install` with the watched tables spelled out, so an old migration never
depends on today's registry.
"""

from dataclasses import dataclass

POSTGRESQL_FUNCTION = """
CREATE OR REPLACE FUNCTION commoning_search_queue() RETURNS trigger AS $$
DECLARE
  changed jsonb;
BEGIN
  IF TG_OP = 'DELETE' THEN changed := to_jsonb(OLD); ELSE changed := to_jsonb(NEW); END IF;
  IF changed ->> TG_ARGV[2] IS NOT NULL THEN
    EXECUTE format('INSERT INTO %I (kind, object_id) VALUES ($1, $2)', TG_ARGV[0])
      USING TG_ARGV[1], changed ->> TG_ARGV[2];
  END IF;
  RETURN NULL;
END
$$ LANGUAGE plpgsql
"""


@dataclass(frozen=True)
class Watch:
    """Rows of `table` queue the object of `kind` named by `id_column`: on insert and delete
    always, on update only when one of `columns` really changes."""

    table: str
    kind: str
    id_column: str
    columns: tuple[str, ...]


def _name(watch: Watch, suffix: str) -> str:
    return f"search_{watch.table}_{watch.kind}_{suffix}"[:63]


def statements(vendor: str, watch: Watch, queue_table: str) -> list[str]:
    """SQL creating the triggers of one watch. Names come from migrations, never from input."""
    changed = " OR ".join(
        f"OLD.{column} IS {'DISTINCT FROM' if vendor == 'postgresql' else 'NOT'} NEW.{column}"
        for column in watch.columns
    )
    columns = ", ".join(watch.columns)
    if vendor == "postgresql":
        call = (
            f"FOR EACH ROW EXECUTE FUNCTION commoning_search_queue('{queue_table}', "
            f"'{watch.kind}', '{watch.id_column}')"
        )
        return [
            f"CREATE TRIGGER {_name(watch, 'row')} AFTER INSERT OR DELETE ON {watch.table} {call}",
            f"CREATE TRIGGER {_name(watch, 'upd')} AFTER UPDATE OF {columns} ON {watch.table} "
            f"FOR EACH ROW WHEN ({changed}) EXECUTE FUNCTION commoning_search_queue("
            f"'{queue_table}', '{watch.kind}', '{watch.id_column}')",
        ]

    def queue(row: str) -> str:
        return (
            f"INSERT INTO {queue_table} (kind, object_id) "
            f"SELECT '{watch.kind}', {row}.{watch.id_column} WHERE {row}.{watch.id_column} "
            "IS NOT NULL;"
        )

    return [
        f"CREATE TRIGGER {_name(watch, 'ins')} AFTER INSERT ON {watch.table} BEGIN "
        f"{queue('NEW')} END",
        f"CREATE TRIGGER {_name(watch, 'del')} AFTER DELETE ON {watch.table} BEGIN "
        f"{queue('OLD')} END",
        f"CREATE TRIGGER {_name(watch, 'upd')} AFTER UPDATE OF {columns} ON {watch.table} "
        f"WHEN {changed} BEGIN {queue('NEW')} END",
    ]


def install(schema_editor, watches, queue_table: str = "search_searchpending") -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRESQL_FUNCTION, params=None)  # its % are format()'s own
    for watch in watches:
        for statement in statements(vendor, watch, queue_table):
            schema_editor.execute(statement)


def remove(schema_editor, watches) -> None:
    vendor = schema_editor.connection.vendor
    for watch in watches:
        for suffix in ("row", "upd") if vendor == "postgresql" else ("ins", "del", "upd"):
            on_table = f" ON {watch.table}" if vendor == "postgresql" else ""
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {_name(watch, suffix)}{on_table}")
