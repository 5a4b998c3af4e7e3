"""`commoning credit clear FILE.csv`: clear a CSV of obligations optimally, with no node, no
database and no Django, and say whether the run's certificate checks.

Registered by the CLI with `credit_commands.register(app)`. The work happens in the pure
commoning.core.clearing package; this module reads the file, prints and sets the exit code
(2 for a file refused, naming its line).
"""

import json
from pathlib import Path

import typer
from rich.console import Console

credit_app = typer.Typer(help="Mutual credit: clear debts in cycles, optimally.",
                         no_args_is_help=True)
console = Console(stderr=True)


def register(app: typer.Typer) -> None:
    from commoning.credit.cli import register as register_wallet_commands

    register_wallet_commands(credit_app)  # currencies, balance, pay: on this node's network
    app.add_typer(credit_app, name="credit")


@credit_app.command("clear")
def clear_command(
    file: Path = typer.Argument(..., exists=True, dir_okay=False, readable=True,
                                help="CSV with the header id,debtor,creditor,amount "
                                     "(amounts in integer minor units)."),
    as_json: bool = typer.Option(False, "--json", help="Print the result and every set-off "
                                 "as JSON."),
    solver: str = typer.Option("auto", "--solver", help="auto (OR-Tools where it is "
                               "installed), ortools or networkx."),
):
    """Find the largest amount of debt that can be set off in cycles, without changing anyone's
    net position; print total, cleared, remaining and whether the certificate checks."""
    from commoning.core.clearing.certificate import check_certificate
    from commoning.core.clearing.obligations import ObligationError, read_csv
    from commoning.core.clearing.solve import SOLVERS, SolverUnavailable, clear

    if solver not in SOLVERS:
        console.print(f"[red]--solver must be one of {', '.join(SOLVERS)}.[/]")
        raise typer.Exit(2)
    try:
        with file.open("rb") as stream:
            obligations = read_csv(stream)
        clearing = clear(obligations, solver=solver)
    except ObligationError as error:
        console.print(f"{file.name}: {error}", style="red", markup=False, highlight=False)
        raise typer.Exit(2) from error
    except SolverUnavailable as error:
        console.print(str(error), style="red", markup=False)
        raise typer.Exit(2) from error
    problems = check_certificate(clearing.certificate)
    if as_json:
        typer.echo(json.dumps({
            "total": clearing.total,
            "cleared": clearing.cleared,
            "remaining": clearing.remaining,
            "certificate_ok": not problems,
            "set_off": clearing.set_off,
        }, separators=(", ", ": ")))
    else:
        share = f" ({clearing.cleared * 100 / clearing.total:.2f} %)" if clearing.total else ""
        typer.echo(f"obligations:  {len(obligations)}")
        typer.echo(f"total:        {clearing.total}")
        typer.echo(f"cleared:      {clearing.cleared}{share}")
        typer.echo(f"remaining:    {clearing.remaining}")
        typer.echo(f"certificate:  {'checks' if not problems else 'FAILS'} "
                   f"(solver: {clearing.solver})")
    for problem in problems:
        console.print(f"certificate: {problem}", style="red", markup=False, highlight=False)
    if problems:
        raise typer.Exit(1)
