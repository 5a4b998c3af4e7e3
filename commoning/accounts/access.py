"""The only permission-checked reads of accounts: who a login is, and which key it acts with."""

from django.db import connection
from django.utils.translation import gettext as _

from commoning.accounts import names
from commoning.accounts.keystore import KeyStoreError, load_key, unseal
from commoning.accounts.models import Account, ApiToken, CustodialKey, DeviceKey, Member
from commoning.core.fields import HEX_ID
from commoning.core.signing import SigningKey
from commoning.log.models import Entry


class NotAMember(PermissionError):
    """The login is not tied to a member of a network on this node."""


def account_for(user) -> Account:
    if user is None or not user.is_authenticated:
        raise NotAMember(_("Log in first."))
    account = Account.objects.filter(user=user).first()
    if account is None:
        raise NotAMember(_("This login is not a member of a network on this node."))
    return account


def member_for(user) -> Member:
    account = account_for(user)
    return Member.objects.get(id=account.member_id)


def signing_key_for(user) -> tuple[Account, SigningKey]:
    """The account and custodial key a logged-in member acts with."""
    account = account_for(user)
    return account, load_key(account.public_key)


def _actor_sql() -> str:
    # Only model table and column names go into the text (quoted); the user id is a parameter.
    quote = connection.ops.quote_name
    account, key = Account._meta.db_table, CustodialKey._meta.db_table
    return (
        f"SELECT a.{quote('net')}, a.{quote('member_id')}, a.{quote('public_key')}, "  # noqa: S608
        f"k.{quote('sealed_seed')} FROM {quote(account)} a LEFT JOIN {quote(key)} k "
        f"ON k.{quote('public_key')} = a.{quote('public_key')} WHERE a.{quote('user_id')} = %s"
    )


def actor_for(user) -> tuple[str, str, SigningKey]:
    """(network, member id, custodial key) a logged-in member acts with, in one plain query:
    the write path's hot look-up (signing_key_for reads the same with two ORM queries)."""
    if user is None or not user.is_authenticated:
        raise NotAMember(_("Log in first."))
    with connection.cursor() as cursor:
        cursor.execute(_actor_sql(), [user.pk])
        row = cursor.fetchone()
    if row is None:
        raise NotAMember(_("This login is not a member of a network on this node."))
    net, member_id, public_key, sealed_seed = row
    if sealed_seed is None:
        raise KeyStoreError(f"no key {public_key[:12]}… is held by this node")
    return net, member_id, unseal(public_key, bytes(sealed_seed))


def members_of(net: str):
    return Member.objects.filter(net=net).order_by("name", "id")


def get_member(net: str, member_id: str) -> Member | None:
    """A member of the network, or None (also for a malformed id, which never reaches SQL)."""
    if not isinstance(member_id, str) or not HEX_ID.match(member_id):
        return None
    return Member.objects.filter(net=net, id=member_id).first()


def lookalike_members(net: str, name: str, *, except_member_id: str | None = None) -> list:
    """Members of the network whose display name looks like `name` (names.name_skeleton).

    It reads every name of the network: it runs only when someone picks a name, and a
    network's member count is small next to its log. Members of other nodes count too.
    """
    others = (
        Member.objects.filter(net=net).exclude(id=except_member_id or "").values_list("id", "name")
    )
    found = dict(names.lookalikes(name, others.iterator()))
    return list(Member.objects.filter(id__in=found).order_by("name", "id"))


def members_by_id(member_ids) -> dict:
    """{member id: Member} for the ids given (one query, for a page of things members made)."""
    return {member.id: member for member in Member.objects.filter(id__in=set(member_ids))}


def current_member(user) -> Member | None:
    """The member a login acts as, or None for visitors and logins without a member."""
    if user is None or not user.is_authenticated:
        return None
    member_id = Account.objects.filter(user=user).values_list("member_id", flat=True).first()
    return Member.objects.filter(id=member_id).first() if member_id else None


def entries_signed_by(net: str, member_id: str):
    """The log entries a member's device keys signed in a network."""
    keys = DeviceKey.objects.filter(net=net, member_id=member_id).values_list(
        "public_key", flat=True
    )
    return Entry.objects.filter(net=net, author__in=keys)


def with_author_names(entries) -> list:
    """Attach `member_id` and `member_name` of each entry's author (two queries per page)."""
    entries = list(entries)
    authors = {entry.author for entry in entries}
    names = {}
    if authors:
        bindings = list(DeviceKey.objects.filter(public_key__in=authors))
        members = Member.objects.filter(id__in={b.member_id for b in bindings})
        member_names = dict(members.values_list("id", "name"))
        names = {
            (b.net, b.public_key): (b.member_id, member_names.get(b.member_id)) for b in bindings
        }
    for entry in entries:
        entry.member_id, entry.member_name = names.get((entry.net, entry.author), (None, None))
    return entries


def live_tokens_of(user):
    """A login's API tokens that are not revoked, newest first (hashes only; never the token)."""
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True).order_by("-created_at")
