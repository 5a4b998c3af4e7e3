"""The OpenAPI schema tells a client what it needs without reading the code: every operation
says what it does, every POST documents the Idempotency-Key header it honours, and the fields
holding one of a few words (states, statuses, verdicts, modes) list those words as an enum."""

import pytest

from commoning.work.rules import CONTRIBUTION_STATES, MODES, TASK_STATUSES, VERDICTS


@pytest.fixture
def schema(client, db):
    return client.get("/api/openapi.json").json()


def _operations(schema):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            yield path, method, operation


def test_every_operation_has_a_description(schema):
    undescribed = [
        (path, method)
        for path, method, operation in _operations(schema)
        if not operation.get("description", "").strip()
    ]
    assert undescribed == []


def test_every_post_documents_the_idempotency_key(schema):
    posts = [(path, operation) for path, method, operation in _operations(schema)
             if method == "post"]
    assert len(posts) >= 10
    for path, operation in posts:
        headers = {p["name"]: p for p in operation.get("parameters", []) if p["in"] == "header"}
        assert "Idempotency-Key" in headers, path
        assert headers["Idempotency-Key"]["description"], path
        assert headers["Idempotency-Key"]["required"] is False, path


def test_no_read_claims_the_idempotency_key(schema):
    for path, method, operation in _operations(schema):
        if method == "get":
            names = {p["name"] for p in operation.get("parameters", [])}
            assert "Idempotency-Key" not in names, path


def _property(schema, component: str, field: str) -> dict:
    found = schema["components"]["schemas"][component]["properties"][field]
    while "$ref" in found:
        found = schema["components"]["schemas"][found["$ref"].rsplit("/", 1)[1]]
    return found


@pytest.mark.parametrize(
    ("component", "field", "words"),
    [
        ("TaskOut", "status", TASK_STATUSES),
        ("ContributionOut", "state", CONTRIBUTION_STATES),
        ("ValidationIn", "verdict", VERDICTS),
        ("ValidationOut", "verdict", VERDICTS),
        ("RulesIn", "mode", MODES),
        ("RulesOut", "mode", MODES),
    ],
)
def test_fields_of_a_few_words_list_them_as_an_enum(schema, component, field, words):
    described = _property(schema, component, field)
    assert set(described["enum"]) == set(words)


def test_the_enums_carry_a_description(schema):
    for component, field in [("TaskOut", "status"), ("ContributionOut", "state")]:
        assert _property(schema, component, field).get("description") or (
            schema["components"]["schemas"][component]["properties"][field].get("description")
        ), (component, field)
