"""How members are told apart: login names folded to one key, a handle derived from the member
id, and a skeleton of display names that finds look-alikes.

Pure functions (no Django), so login, sign-up, rate limits, templates and the CLI fold a name
the same way. A display name is not unique in a network (members join on many nodes), so a
look-alike is a warning to the person choosing it, and the handle is what tells two apart.
"""

# ruff: noqa: RUF001 -- the look-alike table below is made of ambiguous letters on purpose.
import base64
import re
import unicodedata

from commoning.core.fields import NAME_FORBIDDEN

HANDLE_CHARS = 10  # base32 characters: 50 bits of the member id


def username_key(username: str) -> str:
    """The one form of a login name used for uniqueness, login lookup and rate-limit keys.

    NFKC folds compatibility forms (fullwidth letters, script capitals), casefold folds case
    more thoroughly than lower() (`ß` -> `ss`), and NFKC again because case folding can undo
    normalisation (Unicode's NFKC_Casefold). Surrounding spaces never count.
    """
    folded = unicodedata.normalize("NFKC", str(username)).casefold()
    return unicodedata.normalize("NFKC", folded).strip()


def member_handle(member_id: str) -> str:
    """A short, stable handle for a member, shown beside the name: `k3fq9-x2m4p`.

    It is the first 50 bits of the member id (the identity entry's SHA-256) in base32. To wear
    someone's handle an impostor must find an identity entry whose id starts with the same 50
    bits: about 2^50 hashes, out of reach for a prank, unlike the name, which costs nothing.
    """
    if not isinstance(member_id, str) or len(member_id) < 14:
        return ""
    try:
        raw = bytes.fromhex(member_id[:14])
    except ValueError:
        return ""
    letters = base64.b32encode(raw).decode().lower()[:HANDLE_CHARS]
    return f"{letters[:5]}-{letters[5:]}"


# Letters of other scripts (and digits) that look like Latin ones in common fonts, folded to
# the Latin letter. A documented small table rather than Unicode's full confusables list: it
# covers the look-alikes of Cyrillic, Greek and Armenian that a prank or fraud would use
# against Latin names, and it only feeds a warning, never a shared rule.
CONFUSABLE_FOLDS = str.maketrans({
    # Cyrillic
    "а": "a", "в": "b", "е": "e", "ё": "e", "һ": "h", "і": "i", "ї": "i", "ј": "j", "к": "k",
    "м": "m", "н": "h", "о": "o", "р": "p", "с": "c", "т": "t", "у": "y", "х": "x", "ѕ": "s",
    "ԁ": "d", "ԛ": "q", "ԝ": "w", "ӏ": "l", "ь": "b", "г": "r", "п": "n",
    # Greek
    "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p",
    "τ": "t", "υ": "u", "χ": "x", "γ": "y", "ϲ": "c", "ϳ": "j", "ω": "w", "μ": "u",
    # Armenian
    "օ": "o", "ս": "u", "հ": "h", "ց": "g", "ո": "n",
    # Latin letters and digits that pass for others
    "ı": "i", "ɩ": "i", "ǀ": "l", "0": "o", "1": "l", "|": "l", "5": "s", "ſ": "s",
})
# Sequences that read as one letter at a glance ("rn" as "m", "vv" as "w").
CONFUSABLE_SEQUENCES = (("rn", "m"), ("vv", "w"), ("cl", "d"))
SPACES = re.compile(r"[\s_.\-]+")


def name_skeleton(name: str) -> str:
    """The form two display names share when people would take one for the other."""
    folded = unicodedata.normalize("NFKC", str(name)).casefold()
    folded = NAME_FORBIDDEN.sub("", folded)
    # Accents: "Alíce" passes for "Alice" in a small font.
    decomposed = unicodedata.normalize("NFD", folded)
    folded = "".join(char for char in decomposed if not unicodedata.combining(char))
    folded = folded.translate(CONFUSABLE_FOLDS)
    folded = SPACES.sub("", folded)
    for sequence, letter in CONFUSABLE_SEQUENCES:
        folded = folded.replace(sequence, letter)
    # "i" and "l" are the same stroke in many fonts.
    return folded.replace("i", "l")


def lookalikes(name: str, others) -> list:
    """The (member id, name) pairs of `others` whose name looks like `name`."""
    skeleton = name_skeleton(name)
    return [(member_id, other) for member_id, other in others
            if name_skeleton(other) == skeleton]
