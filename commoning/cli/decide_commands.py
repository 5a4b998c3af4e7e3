"""`commoning decide tally FILE` and `commoning budget tally FILE.pb`: re-count anywhere.

Both run the very functions the node uses (commoning.core.voting, commoning.core.budgeting)
on a file, with no node, no database and no Django set-up. A bad file is one line on standard
error and exit status 2. `commoning decide export PROPOSAL_ID` (which needs the node) writes a
closed decision of this node in the file format tally reads.
"""

from pathlib import Path

import orjson
import typer

from commoning.core import limits

decide_app = typer.Typer(help="Decisions of the association: re-tally them from a file.",
                         no_args_is_help=True)
budget_app = typer.Typer(help="Participatory budgets: re-count Pabulib (.pb) files.",
                         no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(decide_app, name="decide")
    app.add_typer(budget_app, name="budget")


def _fail(message: str) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(2)


def _read_bounded(file: Path, limit: int) -> bytes:
    """The file's bytes, refusing (not truncating) a file over `limit`."""
    try:
        with file.open("rb") as handle:
            raw = handle.read(limit + 1)
    except OSError as error:
        raise _fail(f"cannot read {file}: {error.strerror}") from error
    if len(raw) > limit:
        raise _fail(f"{file} is larger than {limit} bytes")
    return raw


@decide_app.command("tally")
def decide_tally(file: Path = typer.Argument(..., help="A decision as JSON (docs: decisions).")):
    """Print the outcome of a decision file as JSON: winners, passed, quorum_reached, counts,
    rounds and the digest two nodes compare."""
    from commoning.core.voting.ballots import DecisionError
    from commoning.core.voting.tally import tally_bytes

    raw = _read_bounded(file, limits.MAX_DECISION_FILE_BYTES)
    try:
        outcome = tally_bytes(raw)
    except DecisionError as error:
        raise _fail(str(error)) from error
    typer.echo(orjson.dumps(outcome, option=orjson.OPT_INDENT_2).decode())


@decide_app.command("export")
def decide_export(
    proposal_id: str = typer.Argument(..., help="The proposal's id."),
    output: Path = typer.Option(None, "--output", "-o", help="Write here, not to stdout."),
):
    """Write a closed decision of this node as a decision file, for `commoning decide tally`."""
    from commoning.cli.django_setup import setup

    setup()
    from commoning.accounts.actions import default_network
    from commoning.decisions.export import NotClosed, decision_bytes

    try:
        raw = decision_bytes(default_network() or "", proposal_id)
    except NotClosed as error:
        raise _fail(str(error)) from error
    if output is None:
        typer.echo(raw.decode(), nl=False)
    else:
        output.write_bytes(raw)


@budget_app.command("tally")
def budget_tally(
    file: Path = typer.Argument(..., help="A Pabulib .pb file with approval votes."),
    as_json: bool = typer.Option(False, "--json", help="Print the whole outcome as JSON."),
):
    """Print the project ids selected greedily by approvals within the budget, one a line."""
    from commoning.core.budgeting.greedy import tally_pabulib
    from commoning.core.budgeting.pabulib import PabulibError, read_pb

    raw = _read_bounded(file, limits.MAX_PABULIB_FILE_BYTES)
    try:
        outcome = tally_pabulib(read_pb(raw))
    except PabulibError as error:
        raise _fail(str(error)) from error
    if as_json:
        typer.echo(orjson.dumps(outcome, option=orjson.OPT_INDENT_2).decode())
    else:
        for project in outcome["selected"]:
            typer.echo(project)
