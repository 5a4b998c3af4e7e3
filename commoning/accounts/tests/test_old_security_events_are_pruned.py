"""Security-log rows older than COMMONING_SECURITY_LOG_DAYS go: when a new row is written, and
when the operator runs `commoning security prune`. 0 keeps them forever."""

from datetime import timedelta

from django.test import override_settings
from django.utils import timezone

from commoning.accounts import security
from commoning.accounts.models import SecurityEvent


def aged(days: int) -> SecurityEvent:
    row = SecurityEvent.objects.create(kind="auth:login:succeeded", detail=f"{days} days old")
    SecurityEvent.objects.filter(id=row.id).update(at=timezone.now() - timedelta(days=days))
    return row


@override_settings(COMMONING_SECURITY_LOG_DAYS=90)
def test_writing_a_new_row_prunes_rows_past_the_retention(db):
    old, recent = aged(91), aged(89)
    security.record("auth:login:failed", username="bob")
    kept = set(SecurityEvent.objects.values_list("id", flat=True))
    assert old.id not in kept and recent.id in kept and len(kept) == 2


@override_settings(COMMONING_SECURITY_LOG_DAYS=30)
def test_prune_deletes_only_what_is_older_than_the_setting(db):
    aged(31), aged(40), aged(29)
    assert security.prune() == 2
    assert list(SecurityEvent.objects.values_list("detail", flat=True)) == ["29 days old"]


@override_settings(COMMONING_SECURITY_LOG_DAYS=0)
def test_zero_days_keeps_every_row(db):
    aged(5000)
    security.record("auth:login:failed", username="bob")
    assert security.prune() == 0 and SecurityEvent.objects.count() == 2


def test_the_operator_prunes_from_the_command_line(db, monkeypatch):
    from typer.testing import CliRunner

    from commoning.accounts import cli
    from commoning.cli.main import app

    monkeypatch.setattr(cli, "setup", lambda: None)
    aged(400)
    result = CliRunner().invoke(app, ["security", "prune"])
    assert result.exit_code == 0, result.output
    assert "Pruned 1 security-log rows older than 90 days." in result.output
    assert not SecurityEvent.objects.exists()
