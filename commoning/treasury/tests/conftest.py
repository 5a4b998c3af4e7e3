"""Fixtures of the treasury's tests: books of an association whose stewards are Alice, Bob and
Carol (two of them must approve a payment), with Dave a member and Eve no member at all."""

import pytest

from commoning.treasury.testing import make_books


@pytest.fixture
def books(db):
    return make_books()
