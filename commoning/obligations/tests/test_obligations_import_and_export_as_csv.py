"""Debts go in and out as the CSV `id,debtor,creditor,amount`: an import records every row
owed to the importer or nothing at all (a bad row, a row owed to someone else, a file too
large), through the page and the CLI; the export is what `credit clear` reads."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from typer.testing import CliRunner

from commoning.core.clearing.obligations import read_csv
from commoning.obligations import actions, rules
from commoning.obligations.cli import obligations_app
from commoning.obligations.models import Obligation
from commoning.obligations.tests.kit import cycle, member_id


def _csv(*rows) -> bytes:
    return ("id,debtor,creditor,amount\n" + "".join(",".join(map(str, r)) + "\n"
                                                    for r in rows)).encode()


def _upload(client, body: bytes, unit="EUR"):
    return client.post("/debts/import/", {
        "file": SimpleUploadedFile("debts.csv", body, content_type="text/csv"), "unit": unit,
    })


def test_an_import_records_each_row_owed_to_the_importer(client, alice, bob, carol):
    client.force_login(alice)
    body = _csv(("inv-1", member_id(bob), member_id(alice), 1500),
                ("inv-2", member_id(carol), member_id(alice), 700))
    assert _upload(client, body).status_code == 303
    rows = sorted(Obligation.objects.values_list("amount", "memo", "confirmed"))
    assert rows == [(700, "Imported as inv-2", False), (1500, "Imported as inv-1", False)]


def test_an_import_with_a_row_owed_to_someone_else_records_nothing(client, alice, bob, carol):
    client.force_login(alice)
    body = _csv(("inv-1", member_id(bob), member_id(alice), 1500),
                ("inv-2", member_id(bob), member_id(carol), 700))
    response = _upload(client, body)
    assert response.status_code == 400
    assert "Line 3" in response.content.decode()
    assert not Obligation.objects.exists()


def test_an_import_with_a_bad_row_or_too_large_records_nothing(client, alice, bob):
    client.force_login(alice)
    bad = _csv(("inv-1", member_id(bob), member_id(alice), 1500),
               ("inv-2", member_id(bob), member_id(alice), "12.5"))
    assert _upload(client, bad).status_code == 400
    huge = b"id,debtor,creditor,amount\n" + b"x" * (rules.MAX_IMPORT_BYTES + 10)
    assert _upload(client, huge).status_code == 400
    assert _upload(client, b"\xff\xfe not text").status_code == 400
    assert not Obligation.objects.exists()


def test_the_cli_imports_as_a_login_and_exports_what_is_still_owed(alice, bob, carol, tmp_path):
    debts = cycle(alice, bob, carol)
    run = actions.start_run(alice, unit="EUR")
    for member in (alice, bob, carol):
        actions.consent_to_run(member, run.id)
    runner = CliRunner()
    exported = runner.invoke(obligations_app, ["export", "--unit", "EUR"])
    assert exported.exit_code == 0, exported.output
    rows = read_csv(io.BytesIO(exported.output.encode()))
    assert {(r.id, r.amount) for r in rows} == {(debts[0].id, 1000), (debts[2].id, 500)}
    file = tmp_path / "in.csv"
    file.write_bytes(_csv(("a", member_id(bob), member_id(carol), 99)))
    imported = runner.invoke(obligations_app, ["import", str(file), "--as", "carol",
                                               "--unit", "EUR"])
    assert imported.exit_code == 0, imported.output
    assert Obligation.objects.filter(amount=99, creditor_id=member_id(carol)).exists()
    refused = runner.invoke(obligations_app, ["import", str(file), "--as", "bob",
                                              "--unit", "EUR"])
    assert refused.exit_code == 1
    assert Obligation.objects.filter(amount=99).count() == 1
