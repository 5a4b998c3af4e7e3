"""Markdown that members write (comments, descriptions), rendered safely for a page.

Parsed by markdown-it-py (CommonMark) with raw HTML turned off, then sanitised by nh3 (the
Ammonia sanitiser) with an allow-list: markup someone writes never becomes a script, a style, a
form or an event handler. Links keep only http, https and mailto and get rel="nofollow
noopener"; images are kept only when they come from this node (a path starting with one "/"),
so a comment cannot make every reader's browser call another server. The page's
Content-Security-Policy (front.csp) stays the second wall behind this one.
"""

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

SOURCE_MAX = 100_000  # characters; longer text is cut before parsing (bounded work per render)

_parser = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")

ALLOWED_TAGS = {
    "a", "p", "br", "hr", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li",
    "h1", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "img", "del",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "ol": {"start"},
                      "th": {"style"}, "td": {"style"}}
URL_SCHEMES = {"http", "https", "mailto"}


def _local_images_only(tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute == "src":
        # A path on this node; "//host/x" is another server, and so is any scheme.
        return value if value.startswith("/") and not value.startswith("//") else None
    if attribute == "style":
        # Table alignment only ("text-align: left"); the CSP forbids inline styles anyway.
        return None
    return value


def render(text: str | None) -> SafeString:
    """HTML for a page from Markdown someone wrote (empty for None)."""
    if not text:
        return mark_safe("")
    return sanitise(_parser.render(text[:SOURCE_MAX]))


def sanitise(html: str) -> SafeString:
    """HTML reduced to the allow-list: the second wall, for whatever the parser lets through."""
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow noopener",
        attribute_filter=_local_images_only,
        strip_comments=True,
    )
    # An <img> whose src was dropped is left without one; nothing loads from it.
    return mark_safe(cleaned)  # noqa: S308  (sanitised just above by an allow-list)
