"""Fixtures for API tests: tokens for the personas, and a client that sends them."""

import pytest

from commoning.accounts.actions import create_api_token
from commoning.commons.actions import create_commons


@pytest.fixture
def alice_token(alice):
    return create_api_token(alice, "tests")[1]


@pytest.fixture
def eve_token(eve):
    return create_api_token(eve, "tests")[1]


@pytest.fixture
def alices_commons(alice):
    return create_commons(alice, name="Seed Press", licence="CC-BY-SA-4.0", description="Hi")
