"""commoning.W001: debug pages must not be shown to hosts beyond this machine."""

from commoning.health.checks import check_debug_hosts


def test_it_warns_when_debug_is_on_with_a_public_host(settings):
    settings.DEBUG = True
    settings.ALLOWED_HOSTS = ["127.0.0.1", "commons.example.org"]
    messages = check_debug_hosts(None)
    assert [message.id for message in messages] == ["commoning.W001"]
    assert "commons.example.org" in messages[0].msg


def test_it_allows_debug_on_local_hosts_only(settings):
    settings.DEBUG = True
    settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost", "::1", "testserver"]
    assert check_debug_hosts(None) == []


def test_it_allows_public_hosts_without_debug(settings):
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["commons.example.org"]
    assert check_debug_hosts(None) == []
