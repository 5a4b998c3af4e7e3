"""commoning.E003: the node must be able to write its home directory."""

import errno

from commoning.health import checks
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


def test_it_errors_when_the_file_system_refuses_a_write(settings, tmp_path, monkeypatch):
    # Read-only mode bits do not stop root (CI runs as root), so the refusal is staged at the
    # file-system call the check makes; a real read-only mount answers the same way.
    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(checks.tempfile, "TemporaryFile", refuse)
    settings.COMMONING_HOME = tmp_path
    problems = check_home_writable(None)
    assert [message.id for message in problems] == ["commoning.E003"]
    assert "not writable: Permission denied" in problems[0].msg
