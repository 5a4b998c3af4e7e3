"""The registry of searchable kinds: each app says how to make the documents of its objects.

An app with something worth finding (commons, tasks, later proposals or offers) registers a
`SearchKind` from its `apps.ready` (or through search/kinds.py), and adds a migration that
installs queueing triggers on the tables its documents are made from (search.triggers.install).
The indexer then keeps its documents current on every path a row changes by: append, ingest,
parking, rebuild.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Document:
    """What the index holds for one object. `body` is plain text; `ts` is in milliseconds."""

    net: str
    object_id: str
    title: str
    body: str
    ts: int
    commons_id: str = ""
    member_id: str = ""


@dataclass(frozen=True)
class SearchKind:
    """A kind of object the search box finds.

    `documents(ids)` makes the documents of those objects that exist and may be found (an
    object hidden as spam, or gone after a rebuild, is left out, so its document is dropped).
    `objects_with_bodies(hashes)` names the objects whose text includes one of these
    attachment bodies, so a body that arrives after its entry (sync sends bodies last) is
    indexed when it comes. `link(id)` is the page of one object.
    """

    name: str
    label: Callable[[], str]  # the kind in plain words, singular ("Task")
    filter_label: Callable[[], str]  # the filter's words, plural ("Tasks")
    documents: Callable[[list[str]], list[Document]]
    objects_with_bodies: Callable[[list[str]], list[str]]
    link: Callable[[str], str]


KINDS: dict[str, SearchKind] = {}
BODY = "_body"  # the queue's kind for an attachment hash (see models.SearchPending)


def register_kind(kind: SearchKind) -> None:
    if kind.name in KINDS or kind.name == BODY:
        raise RuntimeError(f"search kind {kind.name} registered twice")
    KINDS[kind.name] = kind
