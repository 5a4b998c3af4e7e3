"""One search, on SQLite (FTS5) or PostgreSQL (tsvector, GIN): the same results either way.

A query is cut into words (letters and digits); every word must match, as a whole word,
case-insensitively. The words are passed to the engine as quoted strings (FTS5) or through
`plainto_tsquery`, never as query syntax, so no input can raise a syntax error. Results are
ranked (a word in the title weighs far more than one in the body), then newest first, and
paged by keys: the cursor holds the last row's integer score, time, kind and object id.
"""

import re
import unicodedata
from dataclasses import dataclass

from django.core import signing
from django.db import connection
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from commoning.search.index import catch_up
from commoning.search.registry import KINDS

QUERY_MAX_CHARS = 200
QUERY_MAX_WORDS = 12
PAGE_MAX = 100
WORD = re.compile(r"[^\W_]+")
MARK_START, MARK_END = "\ue000", "\ue001"  # taken out of indexed text (search.text.clean)
SCORE_SCALE = 1_000_000  # ranks become integers, so a cursor never carries a float
TITLE_WEIGHT = 10.0  # FTS5 bm25 weight of the title against 1.0 for the body


class QueryRefused(ValueError):
    """The query or a filter cannot be searched; the message is shown beside the box."""


class BadCursor(ValueError):
    """A cursor this search did not give."""


@dataclass(frozen=True)
class Result:
    kind: str
    id: str
    title: SafeString  # escaped, the matched words inside <mark>
    snippet: SafeString  # a short passage of the body, escaped, matched words inside <mark>
    link: str
    ts: int
    commons_id: str
    member_id: str


@dataclass(frozen=True)
class Results:
    items: list[Result]
    next: str | None  # cursor of the next page, None at the end
    words: list[str]


def words_of(query: str) -> list[str]:
    """The words searched for, or QueryRefused if the query is too long or holds none."""
    from django.utils.translation import gettext as _
    from django.utils.translation import ngettext

    if len(query) > QUERY_MAX_CHARS:
        raise QueryRefused(ngettext(
            "Search for at most %(limit)d character.", "Search for at most %(limit)d characters.",
            QUERY_MAX_CHARS) % {"limit": QUERY_MAX_CHARS})
    words = list(dict.fromkeys(
        word.lower() for word in WORD.findall(unicodedata.normalize("NFC", query))))
    if len(words) > QUERY_MAX_WORDS:
        raise QueryRefused(ngettext(
            "Search for at most %(limit)d word.", "Search for at most %(limit)d words.",
            QUERY_MAX_WORDS) % {"limit": QUERY_MAX_WORDS})
    if not words:
        raise QueryRefused(_("Type a word to search for (letters or digits)."))
    return words


def search(net: str | None, query: str, *, kind: str = "", commons: str = "", member: str = "",
           limit: int = 20, cursor: str = "") -> Results:
    """Up to `limit` results for `query` in network `net`, after `cursor`."""
    from django.utils.translation import gettext as _

    words = words_of(query)
    if kind and kind not in KINDS:
        raise QueryRefused(_("There is no such kind of thing to search for."))
    limit = max(1, min(int(limit), PAGE_MAX))
    salt = "commoning.search:" + "\n".join([",".join(words), kind, commons, member])
    after = _cursor_values(cursor, salt) if cursor else None
    if net is None:
        return Results([], None, words)
    catch_up()
    filters = {"kind": kind, "commons_id": commons, "member_id": member}
    engine = _postgresql if connection.vendor == "postgresql" else _sqlite
    rows, snippets = engine(net, words, filters, after, limit + 1)
    more = len(rows) > limit
    rows = rows[:limit]
    items = [
        Result(kind_name, object_id, mark_words(title, words),
               marked(snippets.get(doc_id, "")), KINDS[kind_name].link(object_id), ts,
               commons_id, member_id)
        for doc_id, score, ts, kind_name, object_id, title, commons_id, member_id in rows
        if kind_name in KINDS
    ]
    next_cursor = None
    if more and rows:
        _doc_id, score, ts, kind_name, object_id = rows[-1][:5]
        next_cursor = signing.dumps([score, ts, kind_name, object_id], salt=salt)
    return Results(items, next_cursor, words)


def _cursor_values(cursor: str, salt: str) -> list:
    if len(cursor) > 300:
        raise BadCursor(cursor)
    try:
        values = signing.loads(cursor, salt=salt)
    except signing.BadSignature:
        raise BadCursor(cursor) from None
    if not (isinstance(values, list) and len(values) == 4
            and [type(value) for value in values] == [int, int, str, str]):
        raise BadCursor(cursor)
    return values


COLUMNS = "d.id, {score} AS score, d.ts, d.kind, d.object_id, d.title, d.commons_id, d.member_id"
# Every key descending, so one row-value comparison finds the rows after the cursor's. The
# last keys name the object, not the document row, whose id changes when it is made again.
AFTER = "WHERE (score, ts, kind, object_id) < (%s, %s, %s, %s)"
ORDER = "ORDER BY score DESC, ts DESC, kind DESC, object_id DESC"


def _where(net, filters) -> tuple[str, list]:
    clauses, params = ["d.net = %s"], [net]
    for column, value in filters.items():
        if value:
            clauses.append(f"d.{column} = %s")
            params.append(value)
    return " AND ".join(clauses), params


def _page(inner: str, params: list, after, limit: int) -> list:
    statement = f"SELECT * FROM ({inner}) AS found "  # noqa: S608  (no input in the text)
    if after is not None:
        statement += AFTER
        params = [*params, *after]
    statement += f" {ORDER} LIMIT %s"
    with connection.cursor() as cursor:
        cursor.execute(statement, [*params, limit])
        return cursor.fetchall()


def _sqlite(net, words, filters, after, limit):
    # Each word a quoted FTS5 string: no operator, column filter or syntax error can pass.
    match = " AND ".join('"' + word.replace('"', '""') + '"' for word in words)
    where, params = _where(net, filters)
    score = f"CAST(-bm25(search_fts, {TITLE_WEIGHT}, 1.0) * {SCORE_SCALE} AS INTEGER)"
    inner = (
        f"SELECT {COLUMNS.format(score=score)} FROM search_fts "  # noqa: S608
        "JOIN search_searchdocument AS d ON d.id = search_fts.rowid "
        f"WHERE search_fts MATCH %s AND {where}"
    )
    rows = _page(inner, [match, *params], after, limit)
    snippets = {}
    if rows:
        ids = [row[0] for row in rows]
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT rowid, snippet(search_fts, 1, %s, %s, %s, 24) FROM search_fts "  # noqa: S608
                f"WHERE search_fts MATCH %s AND rowid IN ({', '.join(['%s'] * len(ids))})",
                [MARK_START, MARK_END, "…", match, *ids],
            )
            snippets = dict(cursor.fetchall())
    return rows, snippets


def _postgresql(net, words, filters, after, limit):
    where, params = _where(net, filters)
    score = f"CAST(ts_rank(d.vector, q) * {SCORE_SCALE} AS BIGINT)"
    inner = (
        f"SELECT {COLUMNS.format(score=score)} FROM search_searchdocument AS d, "  # noqa: S608
        f"plainto_tsquery('simple', %s) AS q WHERE d.vector @@ q AND {where}"
    )
    text = " ".join(words)
    rows = _page(inner, [text, *params], after, limit)
    snippets = {}
    if rows:
        ids = [row[0] for row in rows]
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT d.id, ts_headline('simple', d.body, plainto_tsquery('simple', %s), %s) "
                "FROM search_searchdocument AS d WHERE d.id = ANY(%s)",
                [text, f'StartSel="{MARK_START}", StopSel="{MARK_END}", MaxWords=30, '
                       'MinWords=10, MaxFragments=1, FragmentDelimiter=" … "', ids],
            )
            snippets = dict(cursor.fetchall())
    return rows, snippets


def marked(text: str) -> SafeString:
    """Escape a snippet, then turn the engine's marks into <mark> elements."""
    text = escape(text)
    return mark_safe(  # noqa: S308  (escaped above; only our own tags are added)
        text.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))


def mark_words(text: str, words: list[str]) -> SafeString:
    """Escape a title and mark the searched words in it (whole words, any case)."""
    wanted = set(words)
    parts, last = [], 0
    for match in WORD.finditer(text):
        if match.group().lower() in wanted:
            parts.append(escape(text[last:match.start()]))
            parts.append("<mark>" + escape(match.group()) + "</mark>")
            last = match.end()
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))  # noqa: S308  (every piece escaped)
