"""The node-operator role: the logins that alone manage this node (peers, sync, bundle import,
node settings). Node-local (architecture, section 11): it never enters the log and no peer sees it.

The first operator is named at `commoning init` (a username, or whoever signs up first); after
that only someone with the node's command line grants or revokes the role, since the command
line already holds every key of the node.
"""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from commoning.accounts import security
from commoning.accounts.models import Account, NodeOperator
from commoning.log.models import NodeSetting

# "*" makes the first member to sign up on this node its operator; any other value names one.
FIRST_OPERATOR_SETTING = "first_operator"
ANYONE_FIRST = "*"


class OperatorError(ValueError):
    """The role cannot be granted or revoked as asked; the message says why."""


def is_operator(user) -> bool:
    """Whether this login may manage the node (False for visitors and plain members)."""
    if user is None or not user.is_authenticated:
        return False
    return NodeOperator.objects.filter(user=user).exists()


def operators():
    """The operators' logins, oldest grant first."""
    return NodeOperator.objects.select_related("user").order_by("granted_at", "id")


def _user(username: str):
    user = get_user_model().objects.filter(username__iexact=(username or "").strip()).first()
    if user is None:
        raise OperatorError(f"no login {username!r} on this node")
    return user


def grant(username: str, *, by: str = "cli"):
    """Make a login an operator (again granting it changes nothing); returns the user."""
    user = _user(username)
    with transaction.atomic():
        _row, created = NodeOperator.objects.get_or_create(user=user, defaults={"granted_by": by})
        if created:
            security.record("node:operator:granted", user=user, detail=f"by {by}")
    return user


def revoke(username: str, *, by: str = "cli"):
    user = _user(username)
    with transaction.atomic():
        deleted, _ = NodeOperator.objects.filter(user=user).delete()
        if not deleted:
            raise OperatorError(f"{user.get_username()} is not an operator of this node")
        security.record("node:operator:revoked", user=user, detail=f"by {by}")
    return user


def name_first_operator(username: str | None = None) -> None:
    """At `init`: the named login (or the first to sign up) becomes the first operator."""
    if NodeOperator.objects.exists():
        return
    value = (username or "").strip() or ANYONE_FIRST
    if value != ANYONE_FIRST and get_user_model().objects.filter(username__iexact=value).exists():
        grant(value, by="init")
        return
    NodeSetting.objects.update_or_create(key=FIRST_OPERATOR_SETTING, defaults={"value": value})


@receiver(post_save, sender=Account)
def claim_first_operator(sender, instance, created, **kwargs):
    """A member's login is made inside sign-up's transaction: if `init` left the first
    operator's seat open for this login, it takes the seat in that same transaction."""
    if not created:
        return
    wanted = NodeSetting.objects.filter(key=FIRST_OPERATOR_SETTING).values_list(
        "value", flat=True).first()
    if wanted is None or NodeOperator.objects.exists():
        return
    username = instance.user.get_username()
    if wanted != ANYONE_FIRST and wanted.lower() != username.lower():
        return
    NodeOperator.objects.create(user=instance.user, granted_by="init")
    NodeSetting.objects.filter(key=FIRST_OPERATOR_SETTING).delete()
    security.record("node:operator:granted", user=instance.user, detail="by init (first member)")
