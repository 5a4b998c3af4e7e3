"""System checks for a node's configuration (`django-admin check`, `make check`).

Each check reads settings at call time, so tests drive it with overridden settings. They catch
what would otherwise fail late and confusingly: a key-store secret that cannot unseal any key, a
home directory the node cannot write, a debug page shown to the open internet, a database or
secret other users of the machine can read.
"""

import tempfile
from pathlib import Path

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

from commoning.accounts.keystore import SECRET_FILE as KEYSTORE_SECRET_FILE

KEYSTORE_SECRET_BYTES = 32
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]", "testserver"}
SUPPORTED_DATABASE_ENGINES = {
    "django.db.backends.sqlite3",
    "django.db.backends.postgresql",
}


def is_valid_keystore_secret(raw: str) -> bool:
    """The key store's own rule: hex text of exactly 32 bytes (a SecretBox key)."""
    try:
        return len(bytes.fromhex(raw)) == KEYSTORE_SECRET_BYTES
    except ValueError:
        return False


@register(Tags.security)
def check_debug_hosts(app_configs, **kwargs):
    """Debug pages leak settings and code; fine on a laptop, not on a reachable host."""
    if not settings.DEBUG:
        return []
    public_hosts = sorted(set(settings.ALLOWED_HOSTS) - LOCAL_HOSTS)
    if not public_hosts:
        return []
    return [
        Warning(
            "COMMONING_DEBUG is on while the node answers to non-local hosts: "
            + ", ".join(public_hosts),
            hint="Turn COMMONING_DEBUG off on any node others can reach.",
            id="commoning.W001",
        )
    ]


@register(Tags.security)
def check_keystore_secret(app_configs, **kwargs):
    """A malformed secret would only fail at the first login or action; say so at start."""
    raw = settings.COMMONING_KEYSTORE_SECRET
    if raw:
        if is_valid_keystore_secret(raw):
            return []
        return [
            Error(
                "COMMONING_KEYSTORE_SECRET is set but is not 64 hex characters (32 bytes).",
                hint="Generate one with: python3 -c 'import secrets; print(secrets.token_hex(32))'",
                id="commoning.E001",
            )
        ]
    path = Path(settings.COMMONING_HOME) / KEYSTORE_SECRET_FILE
    if not path.exists():
        return []  # created on first use
    problems = []
    try:
        text = path.read_text().strip()
    except OSError as error:
        return [Error(f"{path} cannot be read: {error}", id="commoning.E002")]
    if not is_valid_keystore_secret(text):
        problems.append(
            Error(
                f"{path} does not hold 64 hex characters (32 bytes).",
                hint="Restore it from the backup taken with this node's database.",
                id="commoning.E002",
            )
        )
    if path.stat().st_mode & 0o077:
        problems.append(
            Warning(
                f"{path} is readable by other users of this machine.",
                hint=f"chmod 600 {path}",
                id="commoning.W002",
            )
        )
    return problems


@register()
def check_home_writable(app_configs, **kwargs):
    """The node keeps its database, secrets and attachments in COMMONING_HOME."""
    home = Path(settings.COMMONING_HOME)
    if not home.is_dir():
        return [
            Error(
                f"COMMONING_HOME ({home}) is not a directory.",
                hint="Point COMMONING_HOME at a directory the node's user owns.",
                id="commoning.E003",
            )
        ]
    # Ask the file system, not the mode bits: root passes os.access on read-only mounts.
    try:
        with tempfile.TemporaryFile(dir=home):
            pass
    except OSError as error:
        return [
            Error(
                f"COMMONING_HOME ({home}) is not writable: {error.strerror or error}",
                hint="Give the node's user write access to it, or choose another directory.",
                id="commoning.E003",
            )
        ]
    return []


@register()
def check_database_engine(app_configs, **kwargs):
    """Only SQLite and PostgreSQL are tested; another engine would fail in subtle ways."""
    engine = settings.DATABASES["default"]["ENGINE"]
    if engine in SUPPORTED_DATABASE_ENGINES:
        return []
    return [
        Error(
            f"database engine {engine} is not supported.",
            hint="Leave DATABASE_URL unset for SQLite, or use postgres://user:pass@host/db.",
            id="commoning.E004",
        )
    ]


def _private_paths() -> list[Path]:
    """The node's files that hold secrets: the home, the SQLite database with its WAL and shared
    memory (sessions, sealed keys), the Django secret. The key-store secret has its own W002."""
    home = Path(settings.COMMONING_HOME)
    paths = [home, home / "django.secret"]
    name = getattr(settings, "SQLITE_PATH", None)  # None when DATABASE_URL names a server
    if name:
        paths += [Path(name), Path(f"{name}-wal"), Path(f"{name}-shm")]
    return paths


@register(Tags.security)
def check_private_files(app_configs, **kwargs):
    """New homes and files are created private (settings.py); older ones may not be."""
    problems = []
    for path in _private_paths():
        try:
            mode = path.stat().st_mode
        except OSError:
            continue  # not created yet, or a database elsewhere
        if mode & 0o077:
            wanted = "700" if path.is_dir() else "600"
            problems.append(
                Warning(
                    f"{path} can be read by other users of this machine.",
                    hint=f"chmod {wanted} {path}",
                    id="commoning.W003",
                )
            )
    return problems
