"""Entry types of obligations (`obligation.*`) and clearing runs (`clearing.*`)."""

from commoning.obligations.events import clearing, obligations  # noqa: F401  (registration)
