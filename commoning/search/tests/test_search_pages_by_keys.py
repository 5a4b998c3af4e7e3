"""Results page by keys: following `next` visits every result once, in order; a forged cursor,
or one from another query, is a 400."""

from commoning.commons.actions import create_commons
from commoning.search.query import search


def test_following_the_cursor_visits_every_result_once(client, net, alice):
    made = [create_commons(alice, name=f"Mill number {index}", licence="MIT").id
            for index in range(7)]
    seen, cursor = [], ""
    while True:
        answer = client.get("/api/search", {"q": "mill", "limit": 3, "cursor": cursor}).json()
        assert len(answer["items"]) <= 3
        seen += [item["id"] for item in answer["items"]]
        cursor = answer["next"]
        if not cursor:
            break
    assert seen == [item.id for item in search(net, "mill", limit=100).items]
    assert sorted(seen) == sorted(made)


def test_a_forged_or_foreign_cursor_is_refused(client, net, alice):
    for index in range(3):
        create_commons(alice, name=f"Pump {index} station", licence="MIT")
    first = client.get("/api/search", {"q": "pump", "limit": 1}).json()
    assert first["next"]
    other = client.get("/api/search", {"q": "station", "limit": 1, "cursor": first["next"]})
    assert other.status_code == 400
    forged = client.get("/api/search", {"q": "pump", "cursor": first["next"][:-2] + "xx"})
    assert forged.status_code == 400
    page = client.get("/search/", {"q": "pump", "after": "nonsense"})
    assert page.status_code == 400


def test_the_api_refuses_an_unknown_kind_and_a_limit_out_of_range(client, net, alice):
    assert client.get("/api/search", {"q": "pump", "kind": "ballot"}).status_code == 422
    assert client.get("/api/search", {"q": "pump", "limit": 101}).status_code == 422
    assert client.get("/api/search", {"q": "x" * 1000}).status_code == 422


def test_the_endpoint_is_in_the_openapi_schema(client, db):
    schema = client.get("/api/openapi.json").json()
    operation = schema["paths"]["/api/search"]["get"]
    names = {parameter["name"] for parameter in operation["parameters"]}
    assert {"q", "kind", "commons", "member", "limit", "cursor"} <= names
