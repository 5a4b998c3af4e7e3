"""Validation of the `data` fields of entries and of user input, shared by rules and actions.

Each function returns the cleaned value or raises FieldError with a message a person can act on.
The same checks run when a member acts (giving a 4xx) and when an entry arrives from a peer
(marking it rejected), so both sides agree on what is valid.
"""

import re
import unicodedata

HEX_ID = re.compile(r"^[0-9a-f]{64}\Z")  # \Z: "$" would accept a trailing newline
# Control characters other than tab and newline have no place in names or text we show.
FORBIDDEN_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# A lone UTF-16 surrogate is not a character: it cannot be encoded as UTF-8, so it could be
# neither signed nor stored. JSON's "\ud800" escape is the usual way one arrives.
SURROGATE = re.compile("[\ud800-\udfff]")
# What a name must not hold: characters that are invisible or that reorder or hide the text
# around them, so that two different members could show the same name, or a name could make
# the text beside it read backwards. An explicit table, not Unicode categories: a shared rule
# must give the same verdict on every node, whatever Unicode version its Python ships.
#   C0 and C1 controls; soft hyphen; combining grapheme joiner; Arabic letter mark;
#   Hangul fillers; Khmer invisible vowels; Mongolian variation selectors and vowel separator;
#   zero-width space, non-joiner and joiner; left-to-right and right-to-left marks; line and
#   paragraph separators; bidi embeddings and overrides (U+202A-202E); word joiner, invisible
#   operators and bidi isolates (U+2060-206F); Hangul filler; byte-order mark / zero-width
#   no-break space; halfwidth Hangul filler; interlinear annotation marks; tag characters;
#   musical formatting; and lone surrogates.
NAME_FORBIDDEN = re.compile(
    "[\x00-\x1f\x7f-\x9f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f"
    "\u200b-\u200f\u2028-\u202e\u2060-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb"
    "\U000e0000-\U000e007f\U0001d173-\U0001d17a\ud800-\udfff]"
)


class FieldError(ValueError):
    """A field is missing, of the wrong type, or out of bounds."""

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


def text(data: dict, field: str, *, max_length: int, min_length: int = 1, multiline=False) -> str:
    value = data.get(field)
    if not isinstance(value, str):
        raise FieldError(field, "must be text")
    if "\x00" in value:
        raise FieldError(field, "must not contain NUL characters")
    if SURROGATE.search(value):
        raise FieldError(field, "must not contain unpaired surrogates (not valid Unicode text)")
    if FORBIDDEN_CONTROL.search(value) or (not multiline and ("\n" in value or "\t" in value)):
        raise FieldError(field, "must not contain control characters")
    if unicodedata.normalize("NFC", value) != value:
        raise FieldError(field, "must be in Unicode NFC form")
    if value != value.strip():
        raise FieldError(field, "must not start or end with spaces")
    if len(value) < min_length:
        raise FieldError(field, "must not be empty" if min_length == 1 else f"needs {min_length}+")
    if len(value) > max_length:
        raise FieldError(field, f"must be at most {max_length} characters (got {len(value)})")
    return value


def name(data: dict, field: str, *, max_length: int) -> str:
    """A name people see and judge by (a member's, later a role's or a currency's): one line
    of text without invisible, reordering or control characters (see NAME_FORBIDDEN)."""
    value = text(data, field, max_length=max_length)
    forbidden = NAME_FORBIDDEN.search(value)
    if forbidden:
        raise FieldError(
            field,
            f"must not contain invisible or direction-changing characters "
            f"(U+{ord(forbidden.group()):04X})",
        )
    return value


def clean_name(value, field: str, *, max_length: int) -> str:
    """Normalise a name a person typed (NFC, trimmed) and then check it like `name`."""
    value = clean_text(value, field, max_length=max_length)
    return name({field: value}, field, max_length=max_length)


def clean_text(value, field: str, *, max_length: int, min_length: int = 1, multiline=False) -> str:
    """Normalise user input (NFC, trimmed) and then check it like `text`."""
    if not isinstance(value, str):
        raise FieldError(field, "must be text")
    if SURROGATE.search(value):
        # Checked before normalising, which would carry the surrogate through unchanged.
        raise FieldError(field, "must not contain unpaired surrogates (not valid Unicode text)")
    value = unicodedata.normalize("NFC", value.replace("\r\n", "\n")).strip()
    return text({field: value}, field, max_length=max_length, min_length=min_length,
                multiline=multiline)


def entry_id(data: dict, field: str) -> str:
    value = data.get(field)
    if not (isinstance(value, str) and HEX_ID.match(value)):
        raise FieldError(field, "must be a 64-character lowercase hex id")
    return value


def integer(data: dict, field: str, *, minimum: int, maximum: int) -> int:
    value = data.get(field)
    if not isinstance(value, int) or isinstance(value, bool):
        raise FieldError(field, "must be an integer")
    if not minimum <= value <= maximum:
        raise FieldError(field, f"must be between {minimum} and {maximum}")
    return value


def only_fields(data: dict, allowed: set, required: set = frozenset()) -> None:
    unknown = set(data) - allowed
    if unknown:
        raise FieldError(sorted(unknown)[0], "is not a field of this entry")
    missing = set(required) - set(data)
    if missing:
        raise FieldError(sorted(missing)[0], "is required")
