"""The search index hears of every change only through triggers, and on SQLite a migration that
remakes a table (Django's way to add a NOT NULL column) silently drops them. After all
migrations, every watched table must still carry its triggers; when this fails, add a search
migration that installs them again after the one that remade the table (see 0003)."""

import importlib

from django.db import connection

from commoning.search import triggers

SHAPE = importlib.import_module("commoning.search.migrations.0002_full_text_and_triggers")


def _installed() -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        return {row[0] for row in cursor.fetchall()}


def test_every_watched_table_keeps_its_triggers(db):
    suffixes = ("row", "upd") if connection.vendor == "postgresql" else ("ins", "del", "upd")
    expected = {triggers._name(watch, suffix) for watch in SHAPE.WATCHES for suffix in suffixes}
    assert expected - _installed() == set()
