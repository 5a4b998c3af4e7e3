"""Who may try a password now: login limits with device cookies, and sign-up limits.

A bucket per address alone locks out a whole village behind one Wi-Fi address when one person
guesses; a bucket per account alone lets anyone lock out anyone. So, after OWASP's "device
cookies": a successful login leaves a signed cookie naming the account and a random device id.
- An attempt with a valid device cookie for that account is limited per device only: the
  owner's own browser gets in whatever others do to the account or the address.
- Any other attempt is limited per (account, address), then per account from unknown devices,
  then (loosely) per address. The tight bucket is first, and a refusal there takes nothing from
  the others: a guesser behind the shared address spends only their own bucket.
Accounts are keyed by the folded login name (names.username_key), so the spellings of a name
share one bucket, and hashed, so odd input never reaches the key column.
"""

import hashlib
import secrets

from django.conf import settings
from django.core import signing

from commoning.accounts import ratelimit, security
from commoning.accounts.names import username_key

DEVICE_COOKIE = "commoning_device"
DEVICE_COOKIE_MAX_AGE = 365 * 24 * 3600
DEVICE_SALT = "commoning.accounts.logins.device"


def account_key(username) -> str:
    """A short, fixed-length key for the account a typed name means."""
    raw = str(username).replace("\x00", "")[:300]
    folded = username_key(raw).encode("utf-8", "replace")
    return hashlib.sha256(folded).hexdigest()[:32]


def device_cookie_for(username) -> str:
    """The signed value of a new device cookie for a login that just succeeded."""
    return signing.dumps(
        {"account": account_key(username), "device": secrets.token_hex(12)}, salt=DEVICE_SALT
    )


def device_of(request, username) -> str | None:
    """The device id of the request's device cookie, if it is valid for this account."""
    value = request.COOKIES.get(DEVICE_COOKIE)
    if not value or len(value) > 500:
        return None
    try:
        found = signing.loads(value, salt=DEVICE_SALT, max_age=DEVICE_COOKIE_MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(found, dict) or found.get("account") != account_key(username):
        return None
    device = found.get("device")
    return device if isinstance(device, str) else None


def login_allowed(request, username) -> bool:
    """Take one attempt from the buckets that apply; False if one of them is empty."""
    per_device = settings.COMMONING_LOGIN_RATE
    device = device_of(request, username)
    if device is not None:
        return _take(f"login:device:{device}", per_device)
    account, address = account_key(username), security.client_ip(request)
    return (
        _take(f"login:account-address:{account}:{address}", per_device)
        and _take(f"login:account:{account}", settings.COMMONING_LOGIN_ACCOUNT_RATE)
        and _take(f"login:address:{address}", settings.COMMONING_LOGIN_ADDRESS_RATE)
    )


def signup_allowed(request) -> bool:
    """Take one sign-up from the address's bucket and the node's; False if one is empty."""
    address = security.client_ip(request)
    return _take(f"signup:address:{address}", settings.COMMONING_SIGNUP_RATE) and _take(
        "signup:node", settings.COMMONING_SIGNUP_NODE_RATE
    )


def remember_device(response, username) -> None:
    response.set_cookie(
        DEVICE_COOKIE,
        device_cookie_for(username),
        max_age=DEVICE_COOKIE_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )


def _take(key: str, rate) -> bool:
    capacity, per_minute = rate
    return ratelimit.take(key, capacity=capacity, per_minute=per_minute)
