"""One search, on SQLite (FTS5) or PostgreSQL (tsvector, GIN): the same results either way.

A query is cut into words (letters and digits); every word must match, as a whole word,
case-insensitively. The words are passed to the engine as quoted strings, never as query
syntax, so no input can raise a syntax error.

Order: first the objects whose title holds every word, then those that hold them only
partly in the title and the rest in the text, each group newest first. A document's id is
its time and a hash of its kind and id (index.document_id), so "newest first" is the engines'
own index order: a page is read straight off the full-text index and stops after `limit`
rows, however many objects match (no scoring or sorting of every match). Pages go by keys:
the cursor holds the group and the id of the last row.
"""

import re
import unicodedata
from dataclasses import dataclass
from html import escape

from django.core import signing
from django.db import connection
from django.utils.safestring import SafeString

from commoning.search.index import SEARCH_ROUNDS, catch_up
from commoning.search.registry import KINDS
from commoning.search.text import tag_token

QUERY_MAX_CHARS = 200
QUERY_MAX_WORDS = 12
PAGE_MAX = 100
WORD = re.compile(r"[^\W_]+")
TITLE_FIRST, TEXT_ALSO = 0, 1  # the two groups of results, in the order they come


class QueryRefused(ValueError):
    """The query or a filter cannot be searched; the message is shown beside the box."""


class BadCursor(ValueError):
    """A cursor this search did not give."""


@dataclass(frozen=True)
class Result:
    kind: str
    id: str
    title: SafeString  # escaped, the matched words inside <mark>
    snippet: SafeString  # a short passage of the text, escaped, the words inside <mark>
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
    if net is None or not all(value.isascii() and value.isalnum() for value in (commons, member)
                              if value):
        return Results([], None, words)  # ids are hex: nothing else names a commons or member
    catch_up(SEARCH_ROUNDS)
    filters = {"kind": kind, "commons_id": commons, "member_id": member}
    engine = _postgresql if connection.vendor == "postgresql" else _sqlite
    keys = []  # (group, id) of the page's rows and one more, to know whether more follow
    for group in (TITLE_FIRST, TEXT_ALSO):
        if after is not None and group < after[0]:
            continue
        below = after[1] if after is not None and group == after[0] else None
        keys += [(group, doc_id) for doc_id in
                 engine.ids(net, words, filters, group, below, limit + 1 - len(keys))]
        if len(keys) > limit:
            break
    more = len(keys) > limit
    keys = keys[:limit]
    rows = _documents([doc_id for _group, doc_id in keys])
    items = [
        Result(kind_name, object_id, mark_words(title, words), snippet_of(body, words),
               KINDS[kind_name].link(object_id), ts, commons_id, member_id)
        for doc_id in (doc_id for _group, doc_id in keys) if doc_id in rows
        for kind_name, object_id, title, body, commons_id, member_id, ts in [rows[doc_id]]
        if kind_name in KINDS
    ]
    next_cursor = signing.dumps(list(keys[-1]), salt=salt) if more and keys else None
    return Results(items, next_cursor, words)


def _cursor_values(cursor: str, salt: str) -> list:
    if len(cursor) > 300:
        raise BadCursor(cursor)
    try:
        values = signing.loads(cursor, salt=salt)
    except signing.BadSignature:
        raise BadCursor(cursor) from None
    if not (isinstance(values, list) and len(values) == 2
            and all(type(value) is int for value in values)):
        raise BadCursor(cursor)
    return values


def _documents(ids: list[int]) -> dict:
    from commoning.search.models import SearchDocument

    return {
        doc_id: rest for doc_id, *rest in SearchDocument.objects.filter(id__in=ids).values_list(
            "id", "kind", "object_id", "title", "body", "commons_id", "member_id", "ts")
    }


def _fetch(statement: str, params: list) -> list:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.fetchall()


class _sqlite:
    """FTS5: filters are tokens of the `tags` column (index.tags_of), so the index itself
    narrows the rows; `ORDER BY rowid DESC` walks the index, no sort."""

    @staticmethod
    def match(net, words, filters, group) -> str:
        tags = [tag_token("n", net)] + [tag_token(column[0], value)
                                        for column, value in filters.items() if value]
        tagged = " AND ".join(f'tags : "{tag}"' for tag in tags)
        # Each word a quoted FTS5 string: no operator, column filter or syntax error can pass.
        in_title = " AND ".join(f'title : "{word}"' for word in words)
        if group == TITLE_FIRST:
            return f"{tagged} AND {in_title}"
        anywhere = " AND ".join(f'{{title body}} : "{word}"' for word in words)
        return f"({tagged} AND {anywhere}) NOT ({in_title})"

    @classmethod
    def ids(cls, net, words, filters, group, below, limit) -> list[int]:
        statement = "SELECT rowid FROM search_fts WHERE search_fts MATCH %s"
        params = [cls.match(net, words, filters, group)]
        if below is not None:
            statement += " AND rowid < %s"
            params.append(below)
        return [row[0] for row in _fetch(statement + " ORDER BY rowid DESC LIMIT %s",
                                         [*params, limit])]


class _postgresql:
    """tsvector with the title in weight A: `'word':A` matches a word of the title only."""

    @staticmethod
    def ids(net, words, filters, group, below, limit) -> list[int]:
        # Words are letters and digits only, so quoting them is enough for to_tsquery.
        in_title = " & ".join(f"'{word}':A" for word in words)
        anywhere = " & ".join(f"'{word}'" for word in words)
        statement = "SELECT id FROM search_searchdocument WHERE net = %s"
        params = [net]
        for column, value in filters.items():
            if value:
                statement += f" AND {column} = %s"
                params.append(value)
        if group == TITLE_FIRST:
            statement += " AND vector @@ to_tsquery('simple', %s)"
            params.append(in_title)
        else:
            statement += (" AND vector @@ to_tsquery('simple', %s)"
                          " AND NOT vector @@ to_tsquery('simple', %s)")
            params += [anywhere, in_title]
        if below is not None:
            statement += " AND id < %s"
            params.append(below)
        return [row[0] for row in _fetch(statement + " ORDER BY id DESC LIMIT %s",
                                         [*params, limit])]


SNIPPET_BEFORE, SNIPPET_AFTER = 60, 160  # characters of text around the first word found


def snippet_of(body: str, words: list[str]) -> SafeString:
    """A short passage of the text around the first searched word, escaped, the words marked.

    Made here rather than by the engines (FTS5's snippet(), PostgreSQL's ts_headline): both
    read every match of a common word to make one snippet, and here the two agree exactly.
    """
    if not body:
        return SafeString("")
    first = re.compile(
        r"(?<![^\W_])(?:" + "|".join(re.escape(word) for word in words) + r")(?![^\W_])",
        re.IGNORECASE,
    ).search(body)
    centre = first.start() if first else 0
    start = max(0, centre - SNIPPET_BEFORE)
    end = min(len(body), centre + SNIPPET_AFTER)
    while start > 0 and not body[start - 1].isspace() and centre - start < SNIPPET_BEFORE + 20:
        start -= 1  # do not cut a word in two
    while end < len(body) and not body[end].isspace() and end - centre < SNIPPET_AFTER + 20:
        end += 1
    passage = " ".join(body[start:end].split())
    before, after = ("… " if start > 0 else ""), (" …" if end < len(body) else "")
    return SafeString(before + mark_words(passage, words) + after)  # escaped by mark_words


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
    return SafeString("".join(parts))  # every piece escaped
