"""Fixtures of log tests: a network with commons, built through the real actions."""

import pytest

from commoning.commons.actions import create_commons


@pytest.fixture
def seed_library(alice):
    return create_commons(alice, name="Seed library", licence="CC-BY-SA-4.0",
                          description="Seeds kept by the valley.")
