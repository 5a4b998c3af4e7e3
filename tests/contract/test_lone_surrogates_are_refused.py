"""A lone surrogate (JSON's `"\\ud800"`) in any text of any API write is a 4xx with
{code, message} naming the field, never a 500, and changes nothing. Every write endpoint is
found in the OpenAPI document and fuzzed: JSON and form-encoded bodies alike."""

import json
import re

import pytest
from django.urls import resolve as resolve_url

from commoning.api import api
from commoning.front.tests.state import shared_state
from commoning.work import actions as work
from commoning.work.tests.helpers import rules_led_commons

from .helpers import assert_json_error, bearer

LONE = "\ud800"
WRITE_METHODS = {"post", "put", "patch", "delete"}


def write_operations():
    document = api.get_openapi_schema()
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            if method in WRITE_METHODS:
                yield path, method, operation, document


def operation_id(param):
    return f"{param[1].upper()} {param[0]}" if isinstance(param, tuple) else None


def resolve(schema, document):
    while "$ref" in schema:
        schema = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def sample(schema, document, text):
    """A value of the schema's shape whose every piece of text is `text`."""
    schema = resolve(schema, document)
    for option in schema.get("anyOf", []):
        if option.get("type") != "null":
            return sample(option, document, text)
    kind = schema.get("type")
    if kind == "object":
        return {name: sample(prop, document, text)
                for name, prop in schema.get("properties", {}).items()}
    if kind == "array":
        return [sample(schema.get("items", {}), document, text)]
    if kind == "integer":
        return 1
    if kind == "boolean":
        return True
    return text


@pytest.fixture
def real_ids(alice, bob, carol):
    """Ids that exist, so each request reaches the code that reads its text."""
    commons = rules_led_commons(alice)
    task = work.create_task(alice, commons.id, title="Calibrate", kind="code")
    contribution = work.record_contribution(
        bob, commons.id, kind="code", effort_minutes=30, description="Did it"
    )
    validation = work.validate(carol, contribution.id, verdict="object", reason="Not yet")
    artifact = work.create_artifact(alice, commons.id, title="Guide", body="Step 1\n")
    made = {"member_id": bob.account.member_id, "commons_id": commons, "task_id": task,
            "contribution_id": contribution, "validation_id": validation, "artifact_id": artifact}
    # Some actions return the row, some the entry id.
    return {name: getattr(thing, "id", thing) for name, thing in made.items()}


def url_of(path, ids):
    # The OpenAPI paths already start with /api/.
    return re.sub(r"\{(\w+)\}", lambda found: ids.get(found.group(1), "0" * 64), path)


def body_of(operation, document, ids):
    content = operation.get("requestBody", {}).get("content", {})
    schema = content.get("application/json", {}).get("schema")
    payload = sample(schema, document, LONE) if schema else {"text": LONE}
    return json.dumps(payload)  # json.dumps writes the lone surrogate as the escape "\ud800"


OPERATIONS = list(write_operations())


@pytest.mark.parametrize(
    ("path", "method", "operation", "document"), OPERATIONS,
    ids=[f"{method.upper()} {path}" for path, method, _op, _doc in OPERATIONS],
)
def test_a_lone_surrogate_in_json_is_a_422_naming_the_field(
    client, alice_token, real_ids, path, method, operation, document
):
    body = body_of(operation, document, real_ids)
    before = shared_state()
    response = getattr(client, method)(
        url_of(path, real_ids), body, content_type="application/json",
        headers=bearer(alice_token),
    )
    found = assert_json_error(response, 422, "invalid")
    assert "surrogate" in found["message"]
    assert shared_state() == before


@pytest.mark.parametrize("path", sorted({path for path, *_rest in OPERATIONS}))
def test_the_fuzzed_addresses_are_real(real_ids, path):
    # Otherwise the refusal above could come from an address no endpoint serves.
    match = resolve_url(url_of(path, real_ids))
    assert match.url_name != "not_found"


@pytest.mark.parametrize(
    ("path", "method", "operation", "document"), OPERATIONS,
    ids=[f"{method.upper()} {path}" for path, method, _op, _doc in OPERATIONS],
)
def test_surrogate_bytes_in_a_form_encoded_body_are_a_4xx(
    client, alice_token, real_ids, path, method, operation, document
):
    before = shared_state()
    response = getattr(client, method)(
        url_of(path, real_ids), "name=%ED%A0%80&description=\xed\xa0\x80",
        content_type="application/x-www-form-urlencoded", headers=bearer(alice_token),
    )
    assert 400 <= response.status_code < 500
    assert_json_error(response, response.status_code)
    assert shared_state() == before


def test_the_fuzz_covers_every_write_endpoint():
    # If an endpoint is added, it is fuzzed without anyone remembering to list it here.
    assert len(OPERATIONS) >= 19


@pytest.mark.parametrize("text", [LONE, "a\udfffb", "\udc00\ud800"])
def test_it_names_a_nested_field(client, alice_token, real_ids, text):
    body = json.dumps({"mode": "rules-led", "kinds": ["code", text]})
    response = client.put(
        f"/api/work/commons/{real_ids['commons_id']}/rules", body,
        content_type="application/json", headers=bearer(alice_token),
    )
    assert assert_json_error(response, 422, "invalid")["field"] == "kinds.1"


def test_a_real_pair_of_surrogate_escapes_is_text_not_an_error(client, alice_token):
    body = '{"name": "Loom \\ud83e\\uddf6", "licence": "MIT", "description": ""}'
    response = client.post(
        "/api/commons", body, content_type="application/json", headers=bearer(alice_token)
    )
    assert response.status_code == 201
    assert response.json()["name"] == "Loom \U0001f9f6"
