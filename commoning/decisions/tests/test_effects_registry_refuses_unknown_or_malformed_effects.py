"""The effect registry: a proposal's effect must be of a registered kind that accepts it."""

import pytest

from commoning.decisions import effects
from commoning.log.registry import Rejected


def _needs_amount(effect, proposal_data):
    if type(effect.get("amount")) is not int:
        raise Rejected("amount must be an integer")


@pytest.fixture
def registered():
    effects.register("test-grant", _needs_amount)
    yield
    effects.EFFECT_CHECKS.pop("test-grant")


def test_it_accepts_an_effect_its_kind_accepts(registered):
    effects.check_effect({"kind": "test-grant", "amount": 5}, {})


def test_it_refuses_an_effect_its_kind_refuses(registered):
    with pytest.raises(Rejected, match="amount"):
        effects.check_effect({"kind": "test-grant", "amount": "5"}, {})


def test_it_refuses_an_unknown_kind(registered):
    with pytest.raises(Rejected, match="unknown"):
        effects.check_effect({"kind": "no-such-kind"}, {})


def test_it_refuses_an_effect_that_is_not_an_object(registered):
    with pytest.raises(Rejected):
        effects.check_effect(["test-grant"], {})


def test_it_refuses_a_second_check_under_one_kind(registered):
    with pytest.raises(RuntimeError):
        effects.register("test-grant", lambda effect, data: None)
