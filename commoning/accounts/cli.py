"""`commoning accounts …`: what a node operator does for a member in a terminal.

Mounted by the CLI with `app.add_typer(accounts_app, name="accounts")`. A village node has no
email, so a member who lost both password and recovery codes asks the operator, who checks
who is asking and prints a single-use reset code for them.
"""

import typer
from rich.console import Console

from commoning.cli.django_setup import setup

accounts_app = typer.Typer(help="Logins on this node: password resets.", no_args_is_help=True)
console = Console(stderr=True)


@accounts_app.command("reset-password")
def reset_password(username: str = typer.Argument(..., help="The member's login name.")):
    """Print a single-use code (valid 24 hours) that sets a new password on the
    "Forgot your password?" page. Setting it revokes the login's API tokens and sessions."""
    setup()
    from commoning.accounts.actions import user_for_login_name
    from commoning.accounts.passwords import RESET_CODE_LIFETIME, issue_reset_code

    user = user_for_login_name(username[:150])
    if user is None:
        console.print(f"[red]No login named {username[:150]!r} on this node.[/]")
        raise typer.Exit(1)
    code = issue_reset_code(user)
    hours = int(RESET_CODE_LIFETIME.total_seconds() // 3600)
    console.print(
        f"Reset code for [bold]{user.get_username()}[/], valid {hours} hours and once. Give it "
        "to them in person; they enter it at /password/forgot/ with a new password."
    )
    typer.echo(code)


security_app = typer.Typer(help="The node's security log.", no_args_is_help=True)


@security_app.command("prune")
def prune_security_log():
    """Delete security-log rows older than COMMONING_SECURITY_LOG_DAYS (default 90)."""
    setup()
    from django.conf import settings

    from commoning.accounts.security import prune

    deleted = prune()
    days = settings.COMMONING_SECURITY_LOG_DAYS
    console.print(f"Pruned {deleted} security-log rows older than {days} days.")
