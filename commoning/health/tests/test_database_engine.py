"""commoning.E004: only the two databases the suite runs on are accepted."""

from django.conf import settings

from commoning.health.checks import check_database_engine


def set_engine(monkeypatch, engine):
    # Patched in place: overriding DATABASES as a whole would swap the live connections.
    monkeypatch.setitem(settings.DATABASES["default"], "ENGINE", engine)


def test_it_accepts_the_configured_database():
    assert check_database_engine(None) == []


def test_it_accepts_sqlite_and_postgresql(monkeypatch):
    for engine in ("django.db.backends.sqlite3", "django.db.backends.postgresql"):
        set_engine(monkeypatch, engine)
        assert check_database_engine(None) == []


def test_it_errors_on_another_engine(monkeypatch):
    set_engine(monkeypatch, "django.db.backends.mysql")
    assert [message.id for message in check_database_engine(None)] == ["commoning.E004"]
