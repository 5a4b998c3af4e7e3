"""The checks run with Django's own `check`, and a healthy test configuration passes them."""

from django.core import checks
from django.core.management import call_command

from commoning.health import checks as health_checks


def test_it_registers_every_check_with_django():
    registered = set(checks.registry.registry.get_checks())
    for check in (
        health_checks.check_debug_hosts,
        health_checks.check_keystore_secret,
        health_checks.check_home_writable,
        health_checks.check_database_engine,
        health_checks.check_private_files,
    ):
        assert check in registered


def test_it_passes_on_the_test_configuration(settings, tmp_path):
    settings.COMMONING_HOME = tmp_path
    call_command("check", fail_level="WARNING")
