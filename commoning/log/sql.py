"""Plain SQL for the hot paths of apply functions and domain rules.

Ingest and rebuild apply entries one at a time, and the ORM's per-query cost (building and
compiling the query) is several times the database's own work. Apply functions on hot paths
use these helpers instead; placeholders are %s on SQLite and PostgreSQL alike.
"""

from django.db import connection


def table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def execute(sql: str, params=()) -> int:
    """Run one statement; return the number of rows it changed."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


def fetch_one(sql: str, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()
