"""Fixtures of the decision tests (see kit.py)."""

from commoning.decisions.tests.kit import association  # noqa: F401  (fixture)
