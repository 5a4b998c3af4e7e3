"""The only permission-checked reads of accounts: who a login is, and which key it acts with."""

from commoning.accounts.keystore import load_key
from commoning.accounts.models import Account, Member
from commoning.core.signing import SigningKey


class NotAMember(PermissionError):
    """The login is not tied to a member of a network on this node."""


def account_for(user) -> Account:
    if user is None or not user.is_authenticated:
        raise NotAMember("log in first")
    account = Account.objects.filter(user=user).first()
    if account is None:
        raise NotAMember("this login is not a member of a network on this node")
    return account


def member_for(user) -> Member:
    account = account_for(user)
    return Member.objects.get(id=account.member_id)


def signing_key_for(user) -> tuple[Account, SigningKey]:
    """The account and custodial key a logged-in member acts with."""
    account = account_for(user)
    return account, load_key(account.public_key)


def members_of(net: str):
    return Member.objects.filter(net=net).order_by("name", "id")


def get_member(net: str, member_id: str) -> Member | None:
    return Member.objects.filter(net=net, id=member_id).first()
