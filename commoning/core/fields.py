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


def clean_text(value, field: str, *, max_length: int, min_length: int = 1, multiline=False) -> str:
    """Normalise user input (NFC, trimmed) and then check it like `text`."""
    if not isinstance(value, str):
        raise FieldError(field, "must be text")
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
