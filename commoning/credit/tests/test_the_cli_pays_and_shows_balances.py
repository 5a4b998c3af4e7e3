"""`commoning credit currencies|balance|pay` list currencies, show a balance and pay through
the same action as the pages; a payment past the limit exits 2 and writes nothing."""

from typer.testing import CliRunner

from commoning.cli.main import app
from commoning.credit.models import Transfer
from commoning.credit.testing import make_currency
from commoning.credit.tests.kit import member_id


def test_the_cli_pays_and_refuses_past_the_limit(net, alice, bob):
    currency_id = make_currency(net, alice, default_limit=1000)
    runner = CliRunner()
    listed = runner.invoke(app, ["credit", "currencies"])
    assert listed.exit_code == 0 and "Valley hours" in listed.output
    paid = runner.invoke(app, ["credit", "pay", currency_id, member_id(bob), "2.50",
                               "--as", "alice"])
    assert paid.exit_code == 0, paid.output
    assert Transfer.objects.get().amount_minor == 250
    refused = runner.invoke(app, ["credit", "pay", currency_id, member_id(bob), "9.00",
                                  "--as", "alice"])
    assert refused.exit_code == 2
    assert Transfer.objects.count() == 1
    shown = runner.invoke(app, ["credit", "balance", currency_id, "--as", "alice"])
    assert "pending:  2.50 h" in shown.output
