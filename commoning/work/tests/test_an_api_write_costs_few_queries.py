"""Recording a contribution through the API costs a bounded number of queries, in one write
transaction: no rate-limit rows, no `last_used_at` per request, the rules read once."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from commoning.accounts.actions import create_api_token
from commoning.commons.actions import create_commons

# Counted on one recording with the default rules (statements the apply functions send
# straight to SQLite are not in Django's query log, see log/sql.py):
#   1  the token and its user
#   2  SAVEPOINT/RELEASE of the action
#   4  the action: account with its sealed key (one plain query; the unsealed key is kept in
#      memory, keystore.unseal), commons, rules in force (one query: own or
#      inherited version), the stored contribution for the
#      answer (the newcomer check reads nothing while the newcomer limit is off, as here)
#   3  append: the feed head, the latest anchor ts, the attachment (insert unless kept)
#   2  SAVEPOINT/RELEASE of the append
#   7  the writer: next apply order, parked entries, chain facts, the feed (2), forks, insert
# = 19. The issue measured 34 before, in four write transactions.
# On PostgreSQL the log's advisory lock is asked three times (action, append, writer: one
# round trip each, held once), and the apply functions' statements go through Django and are
# counted: the contribution's five, and the credit refresh's four (read the contribution's
# credit facts, set them, read and set the member's reputation tally row): 31.
QUERIES_MAX = {"sqlite": 19, "postgresql": 31}


def _post(api, commons_id, description):
    body = {"commons": commons_id, "kind": "code", "effort_minutes": 5,
            "description": description}
    return api.post("/api/work/contributions", body, content_type="application/json")


def _one_write(alice, bob, settings):
    settings.COMMONING_NEWCOMER_DAYS = 0
    commons = create_commons(alice, name="Loom", licence="CERN-OHL-S-2.0")
    _row, token = create_api_token(bob, "import")
    api = Client(headers={"Authorization": f"Bearer {token}"})
    assert _post(api, commons.id, "first").status_code == 201  # last_used_at written here
    with CaptureQueriesContext(connection) as captured:
        response = _post(api, commons.id, "second")
    assert response.status_code == 201, response.content
    return response, [query["sql"] for query in captured.captured_queries]


def test_it_records_a_contribution_in_a_bounded_number_of_queries(alice, bob, settings):
    _response, queries = _one_write(alice, bob, settings)
    assert len(queries) <= QUERIES_MAX[connection.vendor], "\n".join(queries)


def test_it_writes_no_rate_limit_row_and_no_last_used_per_request(alice, bob, settings):
    _response, queries = _one_write(alice, bob, settings)
    writes = [sql for sql in queries if sql.startswith(("INSERT", "UPDATE", "DELETE"))]
    assert not any("ratebucket" in sql or "apitoken" in sql for sql in writes), writes


def test_it_reads_the_rules_in_force_once(alice, bob, settings):
    response, queries = _one_write(alice, bob, settings)
    assert sum('FROM "work_commonsrules"' in sql for sql in queries) == 1
    assert response.json()["description"] == "second"
    assert response.json()["state"] == "pending"
