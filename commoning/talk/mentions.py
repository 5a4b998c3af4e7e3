"""`@name` in a comment, resolved to members when the comment is written.

A member is mentioned by their display name with the spaces left out, or by its first word, in
any case: "@BobOkafor", "@bob". Names that match nobody stay plain text; a name that several
members answer to mentions none of them (the writer picks a clearer one), so a look-alike
cannot steal a mention.
"""

import re

from commoning.accounts.models import Member
from commoning.talk.events import MENTIONS_MAX

MENTION = re.compile(r"(?<![\w@])@([\w][\w.\-]{0,60})")


def handle(name: str) -> str:
    """The form of a name a mention matches: spaces dropped, case folded."""
    return "".join(name.split()).casefold()


def handles_of(name: str) -> set[str]:
    """What a member answers to: the whole name, and its first word."""
    words = name.split()
    return {handle(name), handle(words[0])} if words else set()


def mentioned_handles(body: str) -> list[str]:
    found = []
    for match in MENTION.finditer(body):
        wanted = handle(match.group(1).rstrip(".-"))
        if wanted not in found:
            found.append(wanted)
    return found[: MENTIONS_MAX * 3]


def resolve(net: str, body: str) -> list[str]:
    """Sorted member ids the body mentions (at most MENTIONS_MAX). It reads the network's
    names, like the look-alike check at sign-up: only when someone writes, and a network's
    member list is small next to its log."""
    wanted = set(mentioned_handles(body))
    if not wanted:
        return []
    by_handle: dict[str, set[str]] = {}
    for member_id, name in Member.objects.filter(net=net).values_list("id", "name").iterator():
        for key in handles_of(name) & wanted:
            by_handle.setdefault(key, set()).add(member_id)
    ids = {next(iter(ids)) for ids in by_handle.values() if len(ids) == 1}
    return sorted(ids)[:MENTIONS_MAX]
