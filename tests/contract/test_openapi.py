"""The API describes itself: /api/openapi.json is OpenAPI 3 and covers every router."""

import pytest


@pytest.fixture
def schema(client, db):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    return response.json()


def test_it_is_openapi_3(schema):
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"]
    assert schema["info"]["version"]


def test_it_has_paths_for_every_router(schema):
    paths = set(schema["paths"])
    for expected in [
        "/api/network",
        "/api/members",
        "/api/members/{member_id}",
        "/api/me",
        "/api/me/profile",
        "/api/commons",
        "/api/commons/{commons_id}",
        "/api/log/entries",
        "/api/log/entries/{entry_id}",
        "/api/log/state-hash",
    ]:
        assert expected in paths, expected


def test_every_operation_is_well_formed(schema):
    operation_ids = []
    for path, item in schema["paths"].items():
        assert path.startswith("/api/")
        for method, operation in item.items():
            assert method in {"get", "post", "put", "patch", "delete"}, (path, method)
            assert operation["responses"], (path, method)
            operation_ids.append(operation["operationId"])
    assert len(operation_ids) == len(set(operation_ids))


def test_writes_declare_bearer_auth(schema):
    schemes = schema["components"]["securitySchemes"]
    assert any(s["type"] == "http" and s["scheme"] == "bearer" for s in schemes.values())
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if method in {"post", "patch", "put", "delete"}:
                assert operation.get("security"), (path, method)


def _response_schema(schema, operation):
    content = operation["responses"].get("200", {}).get("content", {})
    body = content.get("application/json", {}).get("schema", {})
    while "$ref" in body:
        body = schema["components"]["schemas"][body["$ref"].rsplit("/", 1)[1]]
    return body


def test_every_list_is_paginated(schema):
    lists = 0
    for path, item in schema["paths"].items():
        operation = item.get("get")
        if operation is None:
            continue
        body = _response_schema(schema, operation)
        assert body.get("type") != "array", f"{path} answers a bare list; paginate it"
        properties = set(body.get("properties", {}))
        names = {parameter["name"] for parameter in operation.get("parameters", [])}
        if {"items", "count"} <= properties:  # the log's entries
            lists += 1
            assert {"limit", "offset"} <= names, path
        elif {"items", "next"} <= properties:  # every other list: keyset pages
            lists += 1
            assert {"limit", "cursor"} <= names, path
    assert lists >= 3  # members, commons, log entries at least
