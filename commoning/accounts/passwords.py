"""Passwords without email: change one, recover with a code shown at sign-up, or be given a
reset code by the node's operator.

A village node has no mail server, so recovery rests on codes: eight single-use recovery codes
shown once at sign-up (and whenever the member makes new ones), and a reset code an operator
prints with `commoning accounts reset-password USERNAME` after checking who is asking. Only the
SHA-256 of a code is kept. Every change lands in the security log; setting a password without
the old one also revokes the account's API tokens, and Django ends its other sessions (a
session carries a hash of the password it was opened with).
"""

import hashlib
import secrets
from datetime import timedelta

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from commoning.accounts import security
from commoning.accounts.models import ApiToken, PasswordCode
from commoning.core import fields

RECOVERY_CODE_COUNT = 8
RESET_CODE_LIFETIME = timedelta(hours=24)
# Crockford's base32 alphabet: no I, L, O or U, so a code read aloud or copied by hand survives.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_GROUPS, CODE_GROUP_LENGTH = 4, 4  # 16 characters: 80 random bits
PASSWORD_MAX = 1024


def new_code() -> str:
    letters = "".join(
        secrets.choice(CODE_ALPHABET) for _ in range(CODE_GROUPS * CODE_GROUP_LENGTH)
    )
    return "-".join(
        letters[start:start + CODE_GROUP_LENGTH]
        for start in range(0, len(letters), CODE_GROUP_LENGTH)
    )


def code_hash(code: str) -> str:
    """The stored form of a code: typed in any case, with or without dashes and spaces."""
    cleaned = "".join(str(code).split()).replace("-", "").upper()
    # What people misread in Crockford's alphabet reads as what it stands for.
    cleaned = cleaned.translate(str.maketrans("ILO", "110"))
    return hashlib.sha256(cleaned.encode("utf-8", "replace")).hexdigest()


def checked_password(password, user, field: str = "new_password") -> str:
    """A new password that Django's validators accept, or FieldError on `field`."""
    if not isinstance(password, str) or "\x00" in password or len(password) > PASSWORD_MAX:
        raise fields.FieldError(field, f"must be text of at most {PASSWORD_MAX} characters")
    if fields.SURROGATE.search(password):
        raise fields.FieldError(field, "must not contain unpaired surrogates")
    try:
        password_validation.validate_password(password, user)
    except ValidationError as error:
        raise fields.FieldError(field, " ".join(error.messages)) from error
    return password


def issue_recovery_codes(user) -> list[str]:
    """Replace the account's unused recovery codes with new ones; returns them, once."""
    codes = [new_code() for _ in range(RECOVERY_CODE_COUNT)]
    with transaction.atomic():
        PasswordCode.objects.filter(
            user=user, kind=PasswordCode.RECOVERY, used_at__isnull=True
        ).delete()
        PasswordCode.objects.bulk_create(
            PasswordCode(user=user, kind=PasswordCode.RECOVERY, code_hash=code_hash(code))
            for code in codes
        )
    return codes


def unused_recovery_codes(user) -> int:
    return PasswordCode.objects.filter(
        user=user, kind=PasswordCode.RECOVERY, used_at__isnull=True
    ).count()


def regenerate_recovery_codes(user, *, current_password, request=None) -> list[str]:
    """New recovery codes for a logged-in member who proves the password again."""
    _require_current_password(user, current_password)
    with transaction.atomic():
        codes = issue_recovery_codes(user)
        security.record("account:recovery_codes:regenerated", request=request, user=user)
    return codes


@transaction.atomic
def change_password(user, *, current_password, new_password, request=None) -> None:
    """Set a new password for a member who knows the current one."""
    _require_current_password(user, current_password)
    user.set_password(checked_password(new_password, user))
    user.save(update_fields=["password"])
    security.record("account:password:changed", request=request, user=user)


def issue_reset_code(user) -> str:
    """A single-use code an operator hands to a member who lost password and codes alike."""
    code = new_code()
    with transaction.atomic():
        PasswordCode.objects.create(
            user=user,
            kind=PasswordCode.RESET,
            code_hash=code_hash(code),
            expires_at=timezone.now() + RESET_CODE_LIFETIME,
        )
        security.record("account:reset_code:issued", user=user, detail="by the node operator")
    return code


class CodeRefused(ValueError):
    """The login name and code do not match a usable code (never says which part is wrong)."""


@transaction.atomic
def reset_with_code(user, *, code, new_password, request=None) -> str:
    """Set a new password with a recovery or reset code; returns the kind of code used.

    `user` may be None (no such login): the answer is then the same as for a wrong code, so
    the page does not tell who has an account.
    """
    if not isinstance(code, str) or len(code) > 100 or fields.SURROGATE.search(code):
        raise CodeRefused()
    found = (
        PasswordCode.objects.select_for_update()
        .filter(user=user, code_hash=code_hash(code), used_at__isnull=True)
        .first()
        if user is not None
        else None
    )
    if found is None or (found.expires_at is not None and found.expires_at < timezone.now()):
        raise CodeRefused()
    user.set_password(checked_password(new_password, user))
    user.save(update_fields=["password"])
    found.used_at = timezone.now()
    found.save(update_fields=["used_at"])
    revoked = ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    security.record(
        f"account:password:reset_with_{found.kind}_code",
        request=request,
        user=user,
        detail=f"{revoked} API tokens revoked",
    )
    return found.kind


def _require_current_password(user, current_password) -> None:
    if (
        not isinstance(current_password, str)
        or len(current_password) > PASSWORD_MAX
        or fields.SURROGATE.search(current_password)  # cannot be hashed: never the password
        or not user.check_password(current_password)
    ):
        raise fields.FieldError("current_password", "is not your current password")
