"""Plain SQL for the hot paths of apply functions and domain rules.

Ingest and rebuild apply entries one at a time, and the ORM's per-query cost (building and
compiling the query) is several times the database's own work. Apply functions on hot paths
use these helpers instead; write placeholders as %s, for SQLite and PostgreSQL alike.

On SQLite the statements go straight to the sqlite3 connection Django holds (inside the same
transaction), skipping Django's cursor wrapper: its per-call cost (placeholder rewriting,
debug hooks) was most of the time of a one-row statement. Statements sent this way do not
appear in Django's query log.
"""

import operator
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


def _run(statement: str, params, take):
    """Run one statement, straight on SQLite's connection where there is one, and return
    what `take` reads from its cursor."""
    raw = _raw_sqlite()
    if raw is not None:
        return take(raw.execute(_sqlite_form(statement), params))
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return take(cursor)


def execute(statement: str, params=()) -> int:
    """Run one statement; return the number of rows it changed."""
    return _run(statement, params, operator.attrgetter("rowcount"))


def fetch_one(statement: str, params=()):
    return _run(statement, params, operator.methodcaller("fetchone"))


def fetch_all(statement: str, params=()) -> list:
    return _run(statement, params, operator.methodcaller("fetchall"))
