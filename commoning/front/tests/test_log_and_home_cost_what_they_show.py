"""The home page, the /log/ page and /api/log/entries cost what they show: the same number of
queries at ten times the history, no COUNT over the log, no signature checked again on display
(every stored entry was verified when it arrived)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from commoning.core import entry as entry_format
from commoning.log.tests.rows import stored_rows

PAGES = ["/", "/log/", "/log/?type=work.validation", "/api/log/entries?limit=50",
         "/api/log/entries?limit=50&author=" + "b" * 64]


def _queries(client, url) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return [query["sql"] for query in captured.captured_queries]


@pytest.mark.parametrize("url", PAGES)
def test_a_page_asks_as_many_queries_at_ten_times_the_history(client, net, alice, url):
    stored_rows(net, 60)
    client.get(url)  # warm what is cached per process (the network's name, sessions)
    at_n = _queries(client, url)
    stored_rows(net, 540)
    at_ten_n = _queries(client, url)
    assert len(at_ten_n) == len(at_n), (at_n, at_ten_n)


@pytest.mark.parametrize("url", PAGES)
def test_no_page_counts_over_the_log_or_skips_through_it(client, net, alice, url):
    stored_rows(net, 60)
    for sql in _queries(client, url):
        if '"log_entry"' in sql:
            assert "COUNT(" not in sql.upper(), sql
            assert "OFFSET" not in sql.upper(), sql


def test_the_log_page_reads_no_payload_and_checks_no_signature(client, net, alice, monkeypatch):
    stored_rows(net, 60)  # unsigned rows: a check would fail them

    def no_check(*args, **kwargs):
        raise AssertionError("a signature was checked on display")

    monkeypatch.setattr(entry_format, "parse", no_check)
    from commoning.front import views

    monkeypatch.setattr(views, "parse", no_check)
    response = client.get("/log/")
    assert response.status_code == 200
    assert response.content.decode().count("verified") >= 50
    for sql in _queries(client, "/log/"):
        if sql.startswith("SELECT") and '"log_entry"' in sql and "apply_order" in sql:
            assert '"payload"' not in sql, sql


def test_the_home_page_shows_the_kept_counts(client, net, alice, bob):
    stored_rows(net, 25)
    body = client.get("/").content.decode()
    from commoning.log.models import Entry

    assert f"<strong>{Entry.objects.filter(net=net).count()}</strong>" in body
    assert "<strong>2</strong> members" in body
