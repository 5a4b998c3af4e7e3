"""commoning.E003: the node must be able to write its home directory."""

import os

import pytest

from commoning.health.checks import check_home_writable


def test_it_accepts_a_writable_directory(settings, tmp_path):
    settings.COMMONING_HOME = tmp_path
    assert check_home_writable(None) == []


def test_it_errors_when_home_is_a_file(settings, tmp_path):
    home = tmp_path / "home"
    home.write_text("")
    settings.COMMONING_HOME = home
    assert [message.id for message in check_home_writable(None)] == ["commoning.E003"]


def test_it_errors_when_home_is_missing(settings, tmp_path):
    settings.COMMONING_HOME = tmp_path / "gone"
    assert [message.id for message in check_home_writable(None)] == ["commoning.E003"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through read-only mode bits")
def test_it_errors_when_home_is_read_only(settings, tmp_path):
    home = tmp_path / "home"
    home.mkdir(mode=0o500)
    settings.COMMONING_HOME = home
    try:
        assert [message.id for message in check_home_writable(None)] == ["commoning.E003"]
    finally:
        home.chmod(0o700)
