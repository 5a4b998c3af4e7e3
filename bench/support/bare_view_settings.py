"""Settings for benchmarks that need a baseline on the same server: the node's own settings,
plus a bare Django view at /bench/bare (bare_view_urls.py) that does no work at all, so a
figure can be read against what the server, the middleware and HTTP cost by themselves."""

from commoning.settings import *  # noqa: F403 (the node's settings, unchanged but one)

ROOT_URLCONF = "bare_view_urls"
