"""`commoning association show|members|found`: the association in a terminal.

Mounted by the CLI with `app.add_typer(association_app, name="association")`. Reads go through
access.py; founding goes through the action, acting as the login named.
"""

import json

import typer
from rich.console import Console

from commoning.cli.django_setup import setup
from commoning.cli.tables import folding_table

association_app = typer.Typer(help="The network's association: statutes, members and roles.",
                              no_args_is_help=True)
errors = Console(stderr=True)


def _view():
    from commoning.accounts.actions import default_network
    from commoning.association import access

    view = access.current_view(default_network() or "")
    if not view.founded:
        errors.print("[yellow]This network has no association yet.[/]")
        raise typer.Exit(1)
    return view


@association_app.command()
def show(as_json: bool = typer.Option(False, "--json", help="Print the view as JSON.")):
    """Print the association: name, statutes and their version, stewards and tellers."""
    setup()
    from commoning.accounts.access import members_by_id

    view = _view()
    if as_json:
        typer.echo(json.dumps({"id": view.association_id, "name": view.name,
                               "members": len(view.members), "stewards": sorted(view.stewards),
                               "tellers": sorted(view.tellers),
                               "statutes_version": view.statutes_version,
                               "statutes": view.statutes.as_dict()}, indent=2))
        return
    names = members_by_id([*view.stewards, *view.tellers])
    table = folding_table("", "", show_header=False, title=view.name)
    table.add_row("members", str(len(view.members)))
    table.add_row("statutes version", str(view.statutes_version))
    for field, value in view.statutes.as_dict().items():
        table.add_row(field, json.dumps(value))
    for role, holders in (("stewards", view.stewards), ("tellers", view.tellers)):
        table.add_row(role, ", ".join(sorted(str(names.get(m, m[:12])) for m in holders)))
    Console().print(table)


@association_app.command()
def members(after: str = typer.Option("", help="Start after this member id (paging)."),
            limit: int = typer.Option(50, min=1, max=1000, help="How many to print.")):
    """Print members in id order with their roles; the last line says how to go on."""
    setup()
    from commoning.accounts.access import members_by_id
    from commoning.association import access

    view = _view()
    page, next_after = access.members_page(view, after=after, limit=limit)
    names = members_by_id(page)
    table = folding_table("member", "name", "roles")
    for member_id in page:
        table.add_row(member_id, str(names.get(member_id, "")),
                      ", ".join(view.roles_of(member_id)) or "-")
    Console().print(table)
    if next_after:
        errors.print(f"more: commoning association members --after {next_after}")


@association_app.command()
def found(name: str = typer.Argument(..., help="The association's name."),
          founder: str = typer.Option(..., help="Login of the founding member (an operator)."),
          stewards: str = typer.Option("", help="Logins of the first stewards, comma-separated."),
          tellers: str = typer.Option("", help="Logins of the first tellers, comma-separated.")):
    """Found the network's association (once; on the node that founded the network)."""
    setup()
    from django.contrib.auth import get_user_model

    from commoning.accounts.access import account_for
    from commoning.association.actions import found_association
    from commoning.association.statutes import Statutes
    from commoning.core.fields import FieldError
    from commoning.log.registry import Rejected

    def logins(text):
        found_users = []
        for username in filter(None, (part.strip() for part in text.split(","))):
            user = get_user_model().objects.filter(username__iexact=username).first()
            if user is None:
                errors.print(f"[red]no login {username!r} on this node[/]")
                raise typer.Exit(2)
            found_users.append(user)
        return found_users

    founder_user = logins(founder)[0] if founder else None
    steward_ids = [account_for(user).member_id for user in logins(stewards)]
    teller_ids = [account_for(user).member_id for user in logins(tellers)]
    count = max(len(steward_ids), 1)
    try:
        view = found_association(founder_user, name=name, stewards=steward_ids,
                                 tellers=teller_ids,
                                 statutes=Statutes(stewards_count=count,
                                                   payment_approvals=count // 2 + 1))
    except (FieldError, Rejected) as error:
        errors.print(f"[red]{getattr(error, 'reason', error)}[/]")
        raise typer.Exit(2) from error
    typer.echo(view.association_id)
