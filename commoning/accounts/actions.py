"""The only write paths of accounts: found a network, sign up, edit a profile, manage tokens
(passwords and recovery codes: passwords.py).

Each action checks its input, then appends entries through the log (shared state) or writes
node-local rows (logins, tokens). Errors are ActionError with a field and a message.
"""

import hashlib
import secrets
import unicodedata
from datetime import timedelta

from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from commoning.accounts import admitting, keystore, passwords, security
from commoning.accounts.access import signing_key_for
from commoning.accounts.events import NAME_MAX
from commoning.accounts.models import Account, ApiToken, Member
from commoning.accounts.names import username_key
from commoning.core import fields
from commoning.core.entry import sha256_hex
from commoning.log.append import append
from commoning.log.models import NodeSetting
from commoning.log.registry import Rejected

DEFAULT_NET_SETTING = "default_net"
TOKEN_PREFIX = "cmn_"


def create_network(name: str) -> str:
    """Found a network: a genesis entry signed by a new founder key the node holds."""
    name = fields.clean_text(name, "name", max_length=200)
    with transaction.atomic():
        founder = keystore.new_key("founder")
        genesis = append(founder, net=None, type="log.genesis", data={"name": name})
        NodeSetting.objects.get_or_create(key=DEFAULT_NET_SETTING, defaults={"value": genesis.id})
    return genesis.id


def default_network() -> str | None:
    return (
        NodeSetting.objects.filter(key=DEFAULT_NET_SETTING).values_list("value", flat=True).first()
    )


def sign_up(net: str, *, username: str, password: str, display_name: str):
    """Create a login and a member: a custodial device key, its identity entry, and recovery
    codes. The codes are returned once, on `user.recovery_codes` (only their hashes are kept).

    Login names are unique after folding (names.username_key): `alice` in fullwidth letters,
    `ALICE` and `alice` are one name, so nobody can sign up as a look-alike of another login.
    """

    User = get_user_model()
    username = fields.clean_text(username, "username", max_length=150)
    # Django stores usernames in NFKC; checking that form keeps the check and the row agreed.
    username = unicodedata.normalize("NFKC", username)
    try:
        UnicodeUsernameValidator()(username)
    except ValidationError as error:
        raise fields.FieldError("username", "use letters, digits and @/./+/-/_ only") from error
    key = username_key(username)
    display_name = fields.clean_name(display_name, "name", max_length=NAME_MAX)
    if not isinstance(password, str) or "\x00" in password or len(password) > 1024:
        raise fields.FieldError("password", "must be text of at most 1024 characters")
    if fields.SURROGATE.search(password):
        raise fields.FieldError("password", "must not contain unpaired surrogates")
    if login_name_taken(key):
        raise fields.FieldError("username", "is taken on this node")
    candidate = User(username=username)
    try:
        password_validation.validate_password(password, candidate)
    except ValidationError as error:
        raise fields.FieldError("password", " ".join(error.messages)) from error
    try:
        with transaction.atomic():
            user = User.objects.create_user(username=username, password=password)
            key_pair = keystore.new_key("member")
            # The node admits whom it signs up (see commoning.accounts.admitting).
            admit = admitting.admit_key(net, key_pair.public_hex)
            identity = append(
                key_pair,
                net=net,
                type="accounts.identity",
                data={"name": display_name, "custody": "node"},
                deps=[admit.id],
            )
            Account.objects.create(
                user=user, net=net, member_id=identity.id, public_key=key_pair.public_hex,
                username_key=key,
            )
            user.recovery_codes = passwords.issue_recovery_codes(user)
    except IntegrityError as error:
        # Two sign-ups racing for one name: the loser is told, as if it had come second.
        raise fields.FieldError("username", "is taken on this node") from error
    return user


def login_name_taken(key: str) -> bool:
    """Whether a login name, folded, is already someone's on this node (also logins made
    before folded keys existed, and logins without a member, such as an operator's)."""
    if Account.objects.filter(username_key=key).exists():
        return True
    return get_user_model().objects.filter(username__iexact=key).exists()


def user_for_login_name(username) -> object | None:
    """The login a typed name means: by folded key, else (older logins) by exact name."""
    if not isinstance(username, str) or fields.SURROGATE.search(username):
        return None
    key = username_key(username.replace("\x00", ""))
    account = Account.objects.select_related("user").filter(username_key=key).first()
    if account is not None:
        return account.user
    return get_user_model().objects.filter(username=username.strip()).first()


def update_profile(user, *, name: str | None = None, bio: str | None = None):
    """Change the member's name and/or bio; returns the entry, or None if nothing changed."""
    account, key = signing_key_for(user)
    data = {}
    if name is not None:
        data["name"] = fields.clean_name(name, "name", max_length=NAME_MAX)
    attachment = None
    if bio is not None:
        attachment = fields.clean_text(
            bio, "bio", max_length=5000, min_length=0, multiline=True
        ).encode()
    if not data and attachment is None:
        raise Rejected("nothing to change")
    # Fields equal to what the profile already says are left out; if nothing is left, no
    # entry is written (saving the form twice is not a second change).
    member = Member.objects.get(id=account.member_id)
    if data.get("name") == member.name:
        del data["name"]
    if attachment is not None and sha256_hex(attachment) == (member.bio_hash or sha256_hex(b"")):
        attachment = None
    if not data and attachment is None:
        return None
    return append(key, net=account.net, type="accounts.profile", data=data, attachment=attachment)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_api_token(user, name: str, request=None) -> tuple[ApiToken, str]:
    """Make a token; the plain text is returned once and only its hash is kept."""
    name = fields.clean_text(name, "name", max_length=100)
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    row = ApiToken.objects.create(
        user=user, name=name, prefix=token[:12], token_hash=hash_token(token)
    )
    security.record("api:token:created", request=request, user=user, detail=name)
    return row, token


def revoke_api_token(user, token_id: int, request=None) -> None:
    # An id past the database's integer range cannot exist; asking would be an error there.
    in_range = isinstance(token_id, int) and 0 < token_id < 2**63
    row = (
        in_range
        and ApiToken.objects.filter(user=user, id=token_id, revoked_at__isnull=True).first()
    )
    if not row:
        # Same answer whether the token is someone else's or does not exist.
        raise Rejected("no such token", status=404)
    row.revoked_at = timezone.now()
    row.save(update_fields=["revoked_at"])
    security.record("api:token:revoked", request=request, user=user, detail=row.name)


# How stale a token's "last used" may be. Writing it on every request cost a write transaction
# per request (on SQLite, the lock every log writer waits for); people read it in minutes.
LAST_USED_PRECISION = timedelta(minutes=1)


def user_for_token(token: str):
    row = (
        ApiToken.objects.select_related("user")
        .filter(token_hash=hash_token(token), revoked_at__isnull=True)
        .first()
    )
    if row is None:
        return None
    now = timezone.now()
    if row.last_used_at is None or now - row.last_used_at >= LAST_USED_PRECISION:
        # Conditional, so concurrent requests of one token write it once, not once each.
        ApiToken.objects.filter(id=row.id).exclude(
            last_used_at__gt=now - LAST_USED_PRECISION
        ).update(last_used_at=now)
    return row.user
