"""The database and secrets are created readable only by the node's user, and commoning.W003
warns about an older home or file that others can read (issue 10, finding 9: the SQLite file,
which holds session keys, was created world-readable)."""

import json
import os
import subprocess
import sys

from commoning.health.checks import check_private_files

# Modes are read while the connection is open: SQLite removes the WAL when the last one closes.
OPEN_THE_DATABASE = """
import json, os, stat
from commoning.cli.django_setup import setup
setup()
from django.conf import settings
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE probe (x)")
    home = settings.COMMONING_HOME
    names = [".", "commoning.sqlite3", "commoning.sqlite3-wal", "commoning.sqlite3-shm",
             "django.secret"]
    print(json.dumps({name: stat.S_IMODE(os.stat(home / name).st_mode) for name in names}))
"""


def test_a_new_node_home_database_and_secrets_are_private(tmp_path):
    home = tmp_path / "node"
    env = {key: value for key, value in os.environ.items()
           if key not in ("DATABASE_URL", "COMMONING_SECRET_KEY", "COMMONING_KEYSTORE_SECRET")}
    env.update({"COMMONING_HOME": str(home), "DJANGO_SETTINGS_MODULE": "commoning.settings"})
    done = subprocess.run([sys.executable, "-c", OPEN_THE_DATABASE], env=env, check=True,
                          timeout=120, capture_output=True,
                          preexec_fn=lambda: os.umask(0o022))  # the usual umask: 644 files
    modes = json.loads(done.stdout.splitlines()[-1])
    assert modes == {".": 0o700, "commoning.sqlite3": 0o600, "commoning.sqlite3-wal": 0o600,
                     "commoning.sqlite3-shm": 0o600, "django.secret": 0o600}


def test_it_warns_when_the_database_or_home_can_be_read_by_others(settings, tmp_path):
    settings.COMMONING_HOME = tmp_path
    database = tmp_path / "commoning.sqlite3"
    database.write_bytes(b"")
    settings.SQLITE_PATH = database
    os.chmod(tmp_path, 0o755)  # noqa: S103  (the permissive mode is what is tested)
    os.chmod(database, 0o644)
    warnings = check_private_files(None)
    assert [w.id for w in warnings] == ["commoning.W003", "commoning.W003"]
    assert {w.hint for w in warnings} == {f"chmod 700 {tmp_path}", f"chmod 600 {database}"}


def test_it_is_silent_when_everything_is_private(settings, tmp_path):
    settings.COMMONING_HOME = tmp_path
    database = tmp_path / "commoning.sqlite3"
    database.write_bytes(b"")
    settings.SQLITE_PATH = database
    os.chmod(tmp_path, 0o700)
    os.chmod(database, 0o600)
    assert check_private_files(None) == []
