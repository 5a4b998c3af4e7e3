"""The one settings file, driven by the environment.

COMMONING_HOME (default ./var) holds all of a node's state: the SQLite database (unless
DATABASE_URL names another), the Django secret, the key-store secret and attachments. A new home
is made readable only by the node's user (0700), and the database and secrets are created 0600:
they hold session keys and sealed member keys. Helpers fail loudly on bad values rather than
guessing.
"""

import os
import secrets
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    if raw.lower() in {"1", "true", "yes", "on"}:
        return True
    if raw.lower() in {"0", "false", "no", "off"}:
        return False
    raise ValueError(f"{name} must be a boolean (1/0, true/false), not {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as error:
        raise ValueError(f"{name} must be an integer, not {raw!r}") from error


PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


def make_private_dir(path: Path) -> None:
    """Create a directory only the node's user may enter; an existing one keeps its mode (the
    health check warns if others can read it)."""
    path.mkdir(mode=PRIVATE_DIR_MODE, parents=True, exist_ok=True)


def create_private_file(path: Path) -> None:
    """Create an empty file readable only by the node's user, unless it exists. SQLite gives its
    -wal and -shm files the mode of the database file, so creating that one first is enough."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    except FileExistsError:
        return
    os.close(descriptor)


def read_or_create_secret(path: Path) -> str:
    """A secret kept in a file only the node's user may read, created on first use."""
    if path.exists():
        return path.read_text().strip()
    make_private_dir(path.parent)
    value = secrets.token_urlsafe(48)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    with os.fdopen(descriptor, "w") as handle:
        handle.write(value)
    return value


COMMONING_HOME = Path(os.environ.get("COMMONING_HOME", "var")).resolve()
make_private_dir(COMMONING_HOME)

SECRET_KEY = os.environ.get("COMMONING_SECRET_KEY") or read_or_create_secret(
    COMMONING_HOME / "django.secret"
)
DEBUG = env_bool("COMMONING_DEBUG", False)
DEFAULT_ALLOWED_HOSTS = "127.0.0.1,localhost,testserver"
ALLOWED_HOSTS = [
    host.strip()
    for host in os.environ.get("COMMONING_ALLOWED_HOSTS", DEFAULT_ALLOWED_HOSTS).split(",")
    if host.strip()
]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    # With ninja installed as an app, /api/docs serves its bundled Swagger UI from our static
    # files; without it the page loads scripts from a CDN, which offline nodes cannot reach.
    "ninja",
    "commoning.log",
    "commoning.accounts",
    "commoning.commons",
    "commoning.work",
    "commoning.credit",
    "commoning.obligations",
    "commoning.talk",
    "commoning.notify",
    "commoning.search",
    "commoning.market",
    "commoning.decisions",
    "commoning.treasury",
    "commoning.budgets",
    "commoning.front",
    "commoning.sync",
    "commoning.health",
    "commoning.association",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "commoning.front.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "commoning.apikit.ApiMiddleware",
]

# Logins are found by their folded name (accounts/names.py), so look-alike spellings are one.
AUTHENTICATION_BACKENDS = ["commoning.accounts.backends.FoldedNameBackend"]

ROOT_URLCONF = "commoning.urls"
WSGI_APPLICATION = "commoning.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "commoning.front.context.node_context",
                "commoning.notify.context.unread_notices",
            ],
        },
    },
]

DATABASE_URL = os.environ.get("DATABASE_URL", "")
SQLITE_OPTIONS = {
    # IMMEDIATE takes the write lock at BEGIN, so two writers queue on the busy timeout
    # instead of failing mid-transaction; WAL lets readers carry on.
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    # The page size counts only for a new database and must come before WAL fixes it. 8 KiB
    # pages took ingest's inserts and commits about a tenth less time than the 4 KiB default
    # (fewer pages written and synced per batch); an existing database keeps its own size.
    "init_command": "PRAGMA page_size=8192; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}
SQLITE_PATH = None
# Seconds a serving thread keeps its database connection between requests (0: one per request).
# Opening one (and, on SQLite, running the PRAGMAs above) per request cost more than a read.
CONN_MAX_AGE = env_int("COMMONING_CONN_MAX_AGE", 600)
if DATABASE_URL:
    # Health checks drop a connection the server closed (a restart) instead of failing a request.
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL, conn_max_age=CONN_MAX_AGE, conn_health_checks=True
        )
    }
else:
    SQLITE_PATH = COMMONING_HOME / "commoning.sqlite3"
    create_private_file(SQLITE_PATH)  # SQLite itself would create it readable by everyone
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": SQLITE_PATH,
            "OPTIONS": SQLITE_OPTIONS,
            # The PRAGMAs run once per connection, so once per serving thread, not per request.
            "CONN_MAX_AGE": CONN_MAX_AGE,
        }
    }
# Engineers sharing one PostgreSQL server give each test run its own database name. SQLite tests
# always use an in-memory database: a name there would become a file in the working directory.
if DATABASE_URL:
    DATABASES["default"]["TEST"] = {"NAME": os.environ.get("COMMONING_TEST_DB_NAME") or None}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = COMMONING_HOME / "static"
STATIC_ROOT.mkdir(exist_ok=True)
WHITENOISE_USE_FINDERS = True  # serve straight from the apps, no collectstatic step needed
WHITENOISE_AUTOREFRESH = DEBUG

DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# Rate limits: token buckets in the database (capacity, refill per minute).
# Logins (accounts/logins.py): this rate per device cookie, and per (account, address) for
# attempts without one; looser buckets per account from unknown devices and per address, so
# that one person behind a shared address cannot lock out the others.
COMMONING_LOGIN_RATE = (
    env_int("COMMONING_LOGIN_BURST", 10),
    env_int("COMMONING_LOGIN_PER_MIN", 5),
)
COMMONING_LOGIN_ACCOUNT_RATE = (
    env_int("COMMONING_LOGIN_ACCOUNT_BURST", 50),
    env_int("COMMONING_LOGIN_ACCOUNT_PER_MIN", 10),
)
COMMONING_LOGIN_ADDRESS_RATE = (
    env_int("COMMONING_LOGIN_ADDRESS_BURST", 300),
    env_int("COMMONING_LOGIN_ADDRESS_PER_MIN", 60),
)
# Sign-ups: per client address, and for the whole node (loosely: a village signs up together).
COMMONING_SIGNUP_RATE = (
    env_int("COMMONING_SIGNUP_BURST", 20),
    env_int("COMMONING_SIGNUP_PER_MIN", 2),
)
COMMONING_SIGNUP_NODE_RATE = (
    env_int("COMMONING_SIGNUP_NODE_BURST", 200),
    env_int("COMMONING_SIGNUP_NODE_PER_MIN", 20),
)
# Actions started at once by threads of one serving process share one write transaction
# (commoning/log/group_commit.py). Off: one transaction per action.
COMMONING_GROUP_COMMIT = env_bool("COMMONING_GROUP_COMMIT", True)
# API writes per token: kept in each serving process's memory (accounts/ratelimit.py), so a
# node served by N processes allows up to N times this in the worst case.
COMMONING_WRITE_RATE = (
    env_int("COMMONING_WRITE_BURST", 60),
    env_int("COMMONING_WRITE_PER_MIN", 30),
)
# Newcomers (members for fewer than COMMONING_NEWCOMER_DAYS) may record at most a burst of
# contributions and tasks, refilled per minute: permissionless entry without a spam flood.
COMMONING_NEWCOMER_DAYS = env_int("COMMONING_NEWCOMER_DAYS", 7)
COMMONING_NEWCOMER_RATE = (
    env_int("COMMONING_NEWCOMER_BURST", 30),
    env_int("COMMONING_NEWCOMER_PER_MIN", 1),
)
COMMONING_KEYSTORE_SECRET = os.environ.get("COMMONING_KEYSTORE_SECRET", "")
# Peer URLs on loopback, private, link-local or other non-public addresses are refused unless
# this is on: a village LAN needs it, a node on the internet should leave it off (otherwise
# whoever manages peers could make the node fetch its own network's services).
COMMONING_ALLOW_PRIVATE_PEERS = env_bool("COMMONING_ALLOW_PRIVATE_PEERS", False)

# Pages load scripts, styles and images from this node only, and nothing inline: an injected
# <script> or onclick= does not run. htmx runs without eval (see front/base.html).
CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])

# Entries of authors who are not admitted are held aside, at most this many and this many bytes
# (oldest dropped), in case their admission arrives later.
COMMONING_QUARANTINE_MAX_ENTRIES = env_int("COMMONING_QUARANTINE_MAX_ENTRIES", 1000)
COMMONING_QUARANTINE_MAX_BYTES = env_int("COMMONING_QUARANTINE_MAX_BYTES", 4 * 1024 * 1024)
# Calls of the public state-hash endpoint per address: a burst, refilled per minute.
COMMONING_STATE_HASH_RATE = (
    env_int("COMMONING_STATE_HASH_BURST", 10),
    env_int("COMMONING_STATE_HASH_PER_MIN", 30),
)
# Security-log rows older than this many days are pruned (on write, and by
# `commoning security prune`); 0 keeps them forever.
COMMONING_SECURITY_LOG_DAYS = env_int("COMMONING_SECURITY_LOG_DAYS", 90)

# Email of notifications (commoning.notify.mailer): off unless COMMONING_EMAIL_HOST is set.
# Members then choose on their notifications page: no email, each notice, or a daily digest.
EMAIL_HOST = os.environ.get("COMMONING_EMAIL_HOST", "")
EMAIL_PORT = env_int("COMMONING_EMAIL_PORT", 587)
EMAIL_HOST_USER = os.environ.get("COMMONING_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("COMMONING_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("COMMONING_EMAIL_TLS", True)
EMAIL_TIMEOUT = 20  # seconds: a stuck mail server must not hold the job for ever
DEFAULT_FROM_EMAIL = os.environ.get("COMMONING_EMAIL_FROM", "commoning@localhost")
COMMONING_EMAIL_ENABLED = bool(EMAIL_HOST)
# The address people reach this node at, for links in email (e.g. https://node.example.org).
COMMONING_PUBLIC_URL = os.environ.get("COMMONING_PUBLIC_URL", "")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("COMMONING_LOG_LEVEL", "WARNING")},
}
