"""Every page of the demo, found the way a visitor finds them: by following links from the start.

The walk is shared by the tests that must see every page: the Django test client's (no entry type
codes outside the public log) and the browser's (no sideways scrolling, 44 px touch targets at
360 px). Pages of one shape (`/work/tasks/<id>/`) are visited at most `per_shape` times, so the
walk stays small while every kind of page is seen; a page a new app adds is found as soon as
some page links to it.
"""

import re
from collections.abc import Callable
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urljoin, urlsplit

ID = re.compile(r"[0-9a-f]{64}|\b\d+\b")
# Not pages: the API and its docs (another surface, with their own tests), downloads, static files.
NOT_PAGES = ("/api/", "/static/", "/bundle", "/work/evidence/")
# Pages that only exist for the public log: entry type codes belong there.
PUBLIC_LOG = "/log/"
START_LOGGED_OUT = ("/", "/login/", "/signup/", "/password/forgot/")
START_LOGGED_IN = ("/", "/work/", "/profile/", "/security/", "/tokens/", "/peers/", "/commons/new/")


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "a" and attributes.get("href") and "download" not in attributes:
            self.hrefs.append(attributes["href"])


def links_in(html: str, here: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    found = []
    for href in parser.hrefs:
        parts = urlsplit(urljoin("http://node" + here, href))
        if parts.netloc != "node" or parts.path.startswith(NOT_PAGES):
            continue
        found.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


def shape(path: str) -> str:
    """`/work/artifacts/<id>/?commons=<id>` for every artifact page: what makes pages alike."""
    parts = urlsplit(path)
    keys = sorted({key for key, _ in parse_qsl(parts.query)})
    return ID.sub("<id>", parts.path) + ("?" + "&".join(keys) if keys else "")


def walk(
    fetch: Callable[[str], tuple[int, str]],
    start=START_LOGGED_OUT,
    *,
    per_shape: int = 2,
    limit: int = 400,
) -> dict[str, str]:
    """Visit every page reachable from `start`; returns {path: html} of the pages that answered
    200. `fetch(path)` answers (status, html); a redirect answers its target as the html's only
    link (`<a href=...>`), so the walk follows it."""
    queue, seen, pages, per = list(start), set(), {}, {}
    while queue and len(seen) < limit:
        path = queue.pop(0)
        if path in seen or per.get(shape(path), 0) >= per_shape:
            continue
        seen.add(path)
        per[shape(path)] = per.get(shape(path), 0) + 1
        status, html = fetch(path)
        if status == 200:
            pages[path] = html
        queue.extend(link for link in links_in(html, path) if link not in seen)
    return pages


def raw_entry_type_codes(html: str, names) -> set[str]:
    """The registered entry type names (`work.validation`) that appear in a page."""
    pattern = re.compile(
        r"(?<![\w.])(" + "|".join(re.escape(name) for name in sorted(names)) + r")(?![\w])"
    )
    return set(pattern.findall(html))
