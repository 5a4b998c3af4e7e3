"""The node's own settings, with URLs that add the bare view bench/web.py measures beside
every page (the same server, middleware and process; only the view's work is missing)."""

from commoning.settings import *  # noqa: F403 - the real node's settings, unchanged

ROOT_URLCONF = "web_server.urls"
