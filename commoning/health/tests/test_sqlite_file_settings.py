"""A node's SQLite file is opened in WAL mode with 8 KiB pages and NORMAL sync.

Checked on a fresh file through Django's SQLite backend with the settings' own options, so
this holds whichever database the rest of the suite runs on.
"""

import sqlite3
from contextlib import contextmanager

import pytest
from django.conf import settings
from django.db.backends.sqlite3.base import DatabaseWrapper


@pytest.fixture
def open_node_database(django_db_blocker):
    @contextmanager
    def opened(path):
        wrapper = DatabaseWrapper(
            {**settings.DATABASES["default"], "ENGINE": "django.db.backends.sqlite3",
             "NAME": str(path), "OPTIONS": dict(settings.SQLITE_OPTIONS)},
            alias="sqlite_settings_check",
        )
        # A database of its own, outside the test database the suite guards.
        with django_db_blocker.unblock():
            try:
                yield wrapper
            finally:
                wrapper.close()

    return opened


def pragma(wrapper, name):
    with wrapper.cursor() as cursor:
        cursor.execute(f"PRAGMA {name}")
        return cursor.fetchone()[0]


def test_a_new_node_database_uses_wal_8k_pages_and_normal_sync(tmp_path, open_node_database):
    with open_node_database(tmp_path / "node.sqlite3") as wrapper:
        with wrapper.cursor() as cursor:
            cursor.execute("CREATE TABLE t (x)")
        assert pragma(wrapper, "journal_mode") == "wal"
        assert pragma(wrapper, "page_size") == 8192
        assert pragma(wrapper, "synchronous") == 1  # NORMAL


def test_an_existing_database_keeps_its_page_size(tmp_path, open_node_database):
    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as old:
        old.execute("PRAGMA page_size=4096")
        old.execute("CREATE TABLE t (x)")
    with open_node_database(path) as wrapper:
        assert pragma(wrapper, "page_size") == 4096
        assert pragma(wrapper, "journal_mode") == "wal"
