"""The registry of things people can talk about. An app that wants a discussion thread on its
objects registers a kind here with a finder; the comment rule, the thread piece and the
notifications all ask the finder, so no part of conversation knows the apps by name.

    talk.subjects.register("proposal", find_proposal, noun=_("proposal"),
                           page="association_proposal")

`find(net, subject_id)` returns a Subject or None. The comment rule calls it, so it must read
only projection rows (which come from the causal past: the rule demands the subject in deps),
never the clock, and answer None alike for "absent" and "in another network".
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

from commoning.core.fields import HEX_ID

KIND_MAX = 20


@dataclass(frozen=True)
class Subject:
    kind: str
    id: str
    title: str
    url: str  # the page that shows it (and its thread)
    owner_id: str | None = None  # the member told when someone comments on it (their work)


@dataclass(frozen=True)
class SubjectKind:
    find: Callable[[str, str], Subject | None]
    noun: str  # what people call it, lazily translated ("contribution")
    page: str  # the URL name of its page, which takes the subject id


_finders: dict[str, SubjectKind] = {}


def register(kind: str, find: Callable[[str, str], Subject | None], *, noun, page: str) -> None:
    if kind in _finders:
        raise RuntimeError(f"subject kind {kind} registered twice")
    if not (0 < len(kind) <= KIND_MAX and kind.isascii() and kind.replace("_", "").isalpha()):
        raise ValueError(f"subject kind {kind!r} must be a short lowercase word")
    _finders[kind] = SubjectKind(find, noun, page)


def kinds() -> list[str]:
    return sorted(_finders)


def find(net: str, kind: str, subject_id: str) -> Subject | None:
    known = _finders.get(kind)
    if known is None or not isinstance(subject_id, str) or not HEX_ID.match(subject_id):
        return None
    return known.find(net, subject_id)


def noun(kind: str) -> str:
    known = _finders.get(kind)
    return str(known.noun) if known else kind


def url(kind: str, subject_id: str) -> str:
    """The subject's page, without loading the subject (its kind names the page)."""
    known = _finders.get(kind)
    return reverse(known.page, args=[subject_id]) if known else "/"


def find_any(net: str, subject_id: str) -> Subject | None:
    """The subject with this id, whatever its kind (a few primary-key look-ups)."""
    for kind in kinds():
        subject = find(net, kind, subject_id)
        if subject is not None:
            return subject
    return None
