"""POST /api/work/commons/{id}/contributions/batch records up to CONTRIBUTIONS_PER_BATCH
contributions in one action: all of them, or none with every refused item named by its index;
a retry with the same Idempotency-Key records nothing twice."""

import pytest
from django.test import Client

from commoning.accounts.actions import create_api_token
from commoning.core import limits
from commoning.log.models import Entry
from commoning.work.models import Contribution
from commoning.work.tests.helpers import rules_led_commons


@pytest.fixture
def setting(alice, bob, settings):
    settings.COMMONING_NEWCOMER_DAYS = 0
    commons = rules_led_commons(alice)
    _row, token = create_api_token(bob, "import")
    return commons, Client(headers={"Authorization": f"Bearer {token}"})


def _item(number, kind="code"):
    return {"kind": kind, "effort_minutes": 10 + number, "description": f"Imported {number}"}


def _post(api, commons, items, **headers):
    return api.post(f"/api/work/commons/{commons.id}/contributions/batch", {"items": items},
                    content_type="application/json", headers=headers)


def test_it_records_every_item_in_order(setting):
    commons, api = setting
    response = _post(api, commons, [_item(number) for number in range(5)])
    assert response.status_code == 201, response.json()
    recorded = response.json()["items"]
    assert [item["effort_minutes"] for item in recorded] == [10, 11, 12, 13, 14]
    assert recorded[0]["description"] == "Imported 0"
    seqs = [Entry.objects.get(id=item["id"]).seq for item in recorded]
    assert seqs == sorted(seqs)


def test_it_refuses_the_whole_batch_naming_each_refused_item(setting):
    commons, api = setting
    items = [_item(0), _item(1, kind="juggling"), _item(2), {**_item(3), "effort_minutes": 0}]
    response = _post(api, commons, items)
    assert response.status_code == 422, response.json()
    body = response.json()
    assert body["code"] == "batch_refused"
    assert [(item["index"], item["field"]) for item in body["items"]] == [
        (1, "kind"), (3, "effort_minutes")
    ]
    assert not Contribution.objects.exists()


def test_it_refuses_more_items_than_the_limit(setting):
    commons, api = setting
    response = _post(api, commons, [_item(0)] * (limits.CONTRIBUTIONS_PER_BATCH + 1))
    assert response.status_code == 422
    assert response.json()["field"] == "items"
    assert not Contribution.objects.exists()


def test_it_records_a_retried_batch_once(setting):
    commons, api = setting
    first = _post(api, commons, [_item(0), _item(1)], **{"Idempotency-Key": "import-1"})
    again = _post(api, commons, [_item(0), _item(1)], **{"Idempotency-Key": "import-1"})
    assert first.status_code == again.status_code == 201
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()
    assert Contribution.objects.count() == 2
