"""A steward opens a round from a Pabulib file's META and PROJECTS (its votes are other
people's and are left out); a bad or oversized file is refused in place with a 4xx and nothing
written; published Pabulib files from the shared conformance data import."""

from datetime import UTC, datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from commoning.budgets import actions
from commoning.budgets.models import Ballot, Project, Round
from commoning.budgets.pabulib_io import UPLOAD_MAX_BYTES
from commoning.budgets.tests import kit
from commoning.core.budgeting.tests.test_pabulib_files_round_trip import PUBLISHED
from commoning.testing import conformance_folder

WINDOWS = {"proposing_closes": "2099-01-01T10:00", "voting_closes": "2099-01-02T10:00"}
BEFORE_WINDOWS = int(datetime(2098, 12, 1, tzinfo=UTC).timestamp() * 1000)  # a month before


def upload(client, raw: bytes):
    return client.post("/budgets/import/", {"file": SimpleUploadedFile("park.pb", raw),
                                            "currency": "EUR", **WINDOWS})


def test_a_steward_opens_a_round_from_a_file(client, valley, alice, moved):
    moved.now = BEFORE_WINDOWS
    client.force_login(alice)
    response = upload(client, PUBLISHED)
    assert response.status_code == 303, response.content.decode()[:500]
    round_row = Round.objects.get()
    assert round_row.imported and round_row.title == "Park budget"
    assert round_row.budget_minor == 1000_00
    costs = dict(Project.objects.values_list("source_id", "cost_minor"))
    assert costs == {"1": 600_00, "2": 500_00, "10": 300_00}
    assert Project.objects.get(source_id="1").title == "Benches; and shade"
    assert not Ballot.objects.exists()
    page = client.get(response["Location"]).content.decode()
    assert "votes were not imported" in page


def test_it_refuses_a_file_that_is_not_pabulib(client, valley, alice, moved):
    moved.now = BEFORE_WINDOWS
    client.force_login(alice)
    response = upload(client, b"this is not a pabulib file\n")
    assert response.status_code == 400
    assert "META" in response.content.decode()
    assert not Round.objects.exists()


def test_it_refuses_a_file_too_large(client, valley, alice, moved):
    moved.now = BEFORE_WINDOWS
    client.force_login(alice)
    response = upload(client, PUBLISHED + b"x" * UPLOAD_MAX_BYTES)
    assert response.status_code == 400
    assert not Round.objects.exists()


def test_a_member_may_not_import(client, valley, carol, moved):
    moved.now = BEFORE_WINDOWS
    client.force_login(carol)
    assert upload(client, PUBLISHED).status_code == 403
    assert not Round.objects.exists()


def test_published_pabulib_files_import(valley, alice, moved):
    folder = conformance_folder("pabulib")
    files = sorted(folder.glob("*.pb"))[:5]
    assert files, "the pabulib conformance folder holds no .pb file"
    for path in files:
        round_row = actions.import_round(
            alice, path.read_bytes(), currency="EUR", proposing_closes_ms=moved.now + kit.HOUR,
            voting_closes_ms=moved.now + 2 * kit.HOUR)
        assert round_row.project_count > 0
