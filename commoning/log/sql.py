"""Plain SQL for the hot paths of apply functions and domain rules.

Ingest and rebuild apply entries one at a time, and the ORM's per-query cost (building and
compiling the query) is several times the database's own work. Apply functions on hot paths
use these helpers instead; write placeholders as %s, for SQLite and PostgreSQL alike.

On SQLite the statements go straight to the sqlite3 connection Django holds (inside the same
transaction), skipping Django's cursor wrapper: its per-call cost (placeholder rewriting,
debug hooks) was most of the time of a one-row statement. Statements sent this way do not
appear in Django's query log.
"""

from functools import cache

from django.db import DEFAULT_DB_ALIAS, connection, connections

from commoning.log import registry


@cache
def table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


@cache
def _sqlite_form(statement: str) -> str:
    # Our statements never hold a literal "%s" or "?", so the rewrite is a plain replace.
    return statement.replace("%s", "?")


def _raw_sqlite():
    """The open sqlite3 connection, or None on another database.

    Looked up once per batch: each access through django.db.connection goes through a
    context-local proxy, and four of them per statement cost more than the statement.
    Within a batch (one transaction) the connection cannot change.
    """
    memo = registry.batch_memo()
    if memo is not None and ("sql.raw",) in memo:
        return memo[("sql.raw",)]
    wrapper = connections[DEFAULT_DB_ALIAS]
    raw = None
    if wrapper.vendor == "sqlite":
        wrapper.ensure_connection()
        raw = wrapper.connection
    if memo is not None and wrapper.in_atomic_block:
        memo[("sql.raw",)] = raw
    return raw


def execute(statement: str, params=()) -> int:
    """Run one statement; return the number of rows it changed."""
    raw = _raw_sqlite()
    if raw is not None:
        return raw.execute(_sqlite_form(statement), params).rowcount
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.rowcount


def fetch_one(statement: str, params=()):
    raw = _raw_sqlite()
    if raw is not None:
        return raw.execute(_sqlite_form(statement), params).fetchone()
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.fetchone()


def fetch_all(statement: str, params=()) -> list:
    raw = _raw_sqlite()
    if raw is not None:
        return raw.execute(_sqlite_form(statement), params).fetchall()
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.fetchall()
