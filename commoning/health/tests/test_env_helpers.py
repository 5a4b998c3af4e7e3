"""The settings helpers fail loudly on values they cannot read, instead of guessing."""

import pytest

from commoning.settings import env_bool, env_int


@pytest.mark.parametrize("raw", ["1", "true", "TRUE", "yes", "on"])
def test_env_bool_reads_true(monkeypatch, raw):
    monkeypatch.setenv("COMMONING_TEST_FLAG", raw)
    assert env_bool("COMMONING_TEST_FLAG", False) is True


@pytest.mark.parametrize("raw", ["0", "false", "No", "off"])
def test_env_bool_reads_false(monkeypatch, raw):
    monkeypatch.setenv("COMMONING_TEST_FLAG", raw)
    assert env_bool("COMMONING_TEST_FLAG", True) is False


@pytest.mark.parametrize("raw", [None, ""])
def test_env_bool_falls_back_to_the_default_when_unset_or_empty(monkeypatch, raw):
    if raw is None:
        monkeypatch.delenv("COMMONING_TEST_FLAG", raising=False)
    else:
        monkeypatch.setenv("COMMONING_TEST_FLAG", raw)
    assert env_bool("COMMONING_TEST_FLAG", True) is True


@pytest.mark.parametrize("raw", ["maybe", "2", "enabled", " true"])
def test_env_bool_fails_loudly_on_anything_else(monkeypatch, raw):
    monkeypatch.setenv("COMMONING_TEST_FLAG", raw)
    with pytest.raises(ValueError, match="COMMONING_TEST_FLAG must be a boolean"):
        env_bool("COMMONING_TEST_FLAG", False)


def test_env_int_reads_an_integer(monkeypatch):
    monkeypatch.setenv("COMMONING_TEST_NUMBER", "42")
    assert env_int("COMMONING_TEST_NUMBER", 7) == 42


def test_env_int_falls_back_to_the_default_when_unset(monkeypatch):
    monkeypatch.delenv("COMMONING_TEST_NUMBER", raising=False)
    assert env_int("COMMONING_TEST_NUMBER", 7) == 7


@pytest.mark.parametrize("raw", ["ten", "1.5", "0x10", "12abc"])
def test_env_int_fails_loudly_on_anything_else(monkeypatch, raw):
    monkeypatch.setenv("COMMONING_TEST_NUMBER", raw)
    with pytest.raises(ValueError, match="COMMONING_TEST_NUMBER must be an integer"):
        env_int("COMMONING_TEST_NUMBER", 7)
