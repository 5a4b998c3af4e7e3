"""`@name` in a comment, resolved to members when the comment is written.

A member is mentioned by their display name with the spaces left out, in any case: "@bob",
"@CarolJones". Names that match nobody stay plain text; a name that several members share
mentions none of them (the writer picks a clearer one), so a look-alike cannot steal a mention.
"""

import re

from commoning.accounts.models import Member
from commoning.talk.events import MENTIONS_MAX

MENTION = re.compile(r"(?<![\w@])@([\w][\w.\-]{0,60})")


def handle(name: str) -> str:
    """The form of a name a mention matches: spaces dropped, case folded."""
    return "".join(name.split()).casefold()


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
    by_handle: dict[str, list[str]] = {}
    for member_id, name in Member.objects.filter(net=net).values_list("id", "name").iterator():
        key = handle(name)
        if key in wanted:
            by_handle.setdefault(key, []).append(member_id)
    ids = {ids[0] for ids in by_handle.values() if len(ids) == 1}
    return sorted(ids)[:MENTIONS_MAX]
