"""Text as the index takes it: attachment bodies read as text, cleaned and bounded."""

import re

from commoning.log.append import text_of
from commoning.log.models import Attachment

BODY_MAX = 50_000  # characters of one document's body that are indexed
TITLE_MAX = 200
# Control characters are taken out of indexed text: they mean nothing to a reader.
NOT_ALNUM = re.compile(r"[^\w]|_")
UNINDEXED = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


def clean(text: str, limit: int) -> str:
    return UNINDEXED.sub(" ", text[:limit])


def first_line(text: str, limit: int = 120) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:limit]
    return ""


def bodies(hashes) -> dict[str, str]:
    """hash -> text of the attachments this node holds (not erased) among `hashes`."""
    wanted = sorted({value for value in hashes if value})
    found = {}
    for start in range(0, len(wanted), 500):
        for att_hash, body in Attachment.objects.filter(
            hash__in=wanted[start : start + 500], erased=False, body__isnull=False
        ).values_list("hash", "body"):
            found[att_hash] = text_of(bytes(body)[: BODY_MAX * 4])
    return found


def tag_token(prefix: str, value: str) -> str:
    """A filter value as one FTS5 word of the `tags` column: letters and digits (ids are hex)."""
    return "z" + prefix + (value if value.isalnum() else NOT_ALNUM.sub("", value))
