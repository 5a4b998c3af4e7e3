"""commoning.E001/E002/W002: a key-store secret that could not unseal keys fails at start."""

import os

from commoning.health.checks import check_keystore_secret

GOOD_SECRET = "ab" * 32


def ids(messages):
    return [message.id for message in messages]


def test_it_accepts_a_well_formed_secret_from_the_environment(settings, tmp_path):
    settings.COMMONING_HOME = tmp_path
    settings.COMMONING_KEYSTORE_SECRET = GOOD_SECRET
    assert check_keystore_secret(None) == []


def test_it_errors_when_the_environment_secret_is_not_hex(settings, tmp_path):
    settings.COMMONING_HOME = tmp_path
    settings.COMMONING_KEYSTORE_SECRET = "not-a-secret"
    assert ids(check_keystore_secret(None)) == ["commoning.E001"]


def test_it_errors_when_the_environment_secret_has_the_wrong_length(settings, tmp_path):
    settings.COMMONING_HOME = tmp_path
    settings.COMMONING_KEYSTORE_SECRET = "ab" * 16
    assert ids(check_keystore_secret(None)) == ["commoning.E001"]


def test_it_is_silent_before_the_secret_file_is_created(settings, tmp_path):
    settings.COMMONING_HOME = tmp_path
    settings.COMMONING_KEYSTORE_SECRET = ""
    assert check_keystore_secret(None) == []


def test_it_errors_when_the_secret_file_is_malformed(settings, tmp_path):
    settings.COMMONING_HOME = tmp_path
    settings.COMMONING_KEYSTORE_SECRET = ""
    path = tmp_path / "keystore.secret"
    path.write_text("truncated-ab12\n")
    path.chmod(0o600)
    assert ids(check_keystore_secret(None)) == ["commoning.E002"]


def test_it_warns_when_the_secret_file_is_readable_by_others(settings, tmp_path):
    settings.COMMONING_HOME = tmp_path
    settings.COMMONING_KEYSTORE_SECRET = ""
    path = tmp_path / "keystore.secret"
    path.write_text(GOOD_SECRET + "\n")
    os.chmod(path, 0o644)
    assert ids(check_keystore_secret(None)) == ["commoning.W002"]
