"""API plumbing shared by every router: token auth, JSON errors, pagination, rate limits and
Idempotency-Key replay for POST; keyset pagination of lists. Routers stay thin: they call
actions and access functions.
"""

import hashlib
import json
import re
from datetime import timedelta
from typing import Any
from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Schema
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination, PaginationBase
from ninja.security import HttpBearer

from commoning.accounts import ratelimit, security
from commoning.accounts.actions import user_for_token
from commoning.accounts.models import IdempotencyRecord
from commoning.core.fields import SURROGATE
from commoning.front.errors import error_page
from commoning.front.pagination import CURSOR_MAX, BadCursor, next_rows

IDEMPOTENCY_HEADER = "Idempotency-Key"
TOKEN_USER_ATTRIBUTE = "_commoning_token_user"  # (token, user) found by ApiMiddleware
PENDING = 0  # status_code of a claimed key whose request has not answered yet
PENDING_ABANDONED_AFTER = timedelta(minutes=5)
WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


def bearer_token(request) -> str | None:
    """The token of an `Authorization: Bearer …` header, the scheme in any case (RFC 9110:
    schemes are case-insensitive), or None. The one reading of the header: the write limit,
    Idempotency-Key replay and authentication must never disagree on who is asking.
    """
    scheme, _space, token = request.headers.get("Authorization", "").strip().partition(" ")
    if scheme.lower() != "bearer":
        return None
    token = token.strip()
    return token if 0 < len(token) <= 200 else None


class TokenAuth(HttpBearer):
    """`Authorization: Bearer cmn_…` with a token made on the node's Tokens page."""

    def __call__(self, request):
        token = bearer_token(request)
        return None if token is None else self.authenticate(request, token)

    def authenticate(self, request, token):
        if not isinstance(token, str) or len(token) > 200:
            return None
        # ApiMiddleware already looked a write's token up; asking again would cost a query.
        known = getattr(request, TOKEN_USER_ATTRIBUTE, None)
        user = known[1] if known and known[0] == token else user_for_token(token)
        if user is None:
            # One row per bad token would let anyone fill the security log; past a burst per
            # address the refusals still answer 401 but are no longer written down one by one.
            capacity, per_minute = settings.COMMONING_LOGIN_RATE
            ip = security.client_ip(request)
            if ratelimit.take(f"api:badtoken:{ip}", capacity=capacity, per_minute=per_minute):
                security.record("api:token:rejected", request=request)
            return None
        request.user = user
        return user


def error(status: int, code: str, message: str, **extra) -> JsonResponse:
    return JsonResponse({"code": code, "message": message, **extra}, status=status)


PAGE_DEFAULT = 20
PAGE_MAX = 100
# Beyond this an offset cannot name a row anyway, and SQLite refuses integers past 2^63.
OFFSET_MAX = 2**53


class Keyed:
    """What a list endpoint hands the paginator: a queryset ordered by keys that end with a
    unique one, and how to turn the rows of one page into items (statuses, notes), so nothing
    is worked out for rows that are not sent."""

    def __init__(self, queryset, decorate=None):
        self.queryset = queryset
        self.decorate = decorate or (lambda rows: rows)


class Pagination(LimitOffsetPagination):
    """?limit= and ?offset=, answering {items, count}: only for the log's entries, which page
    their own way (see commoning.log); every other list uses KeysetPagination."""

    class Input(Schema):
        limit: int = Field(PAGE_DEFAULT, ge=1, description="Items per page; at most 100 are sent.")
        offset: int = Field(0, ge=0, le=OFFSET_MAX, description="How many items to skip.")

    def __init__(self, **kwargs):
        # django-ninja's own default is "no cap": the cap must be passed, not set on the class.
        super().__init__(max_limit=PAGE_MAX, **kwargs)


class KeysetPagination(PaginationBase):
    """Keyset pagination: ?limit= (default 20; more than 100 is served as 100) and ?cursor=
    (the `next` of the previous page); answers {items, next}. A page costs the rows it sends,
    however deep it is, and no list counts its rows. The cursor is signed, so a forged or
    mangled one is refused with a 400 instead of reaching SQL."""

    class Input(Schema):
        limit: int = Field(PAGE_DEFAULT, ge=1, description="Items per page; at most 100 are sent.")
        cursor: str = Field(
            "", max_length=CURSOR_MAX,
            description="Where to go on: the `next` of the previous page (empty for the first).",
        )
        offset: int | None = Field(
            None, description="No longer served: follow `next` with ?cursor= instead."
        )

    class Output(Schema):
        items: list[Any]
        next: str | None = Field(None, description="The cursor of the next page; null at the end.")

    def paginate_queryset(self, queryset, pagination, request=None, **params):
        if pagination.offset is not None:
            raise HttpError(400, _("Lists no longer take ?offset=: follow the `next` cursor of "
                                   "each page with ?cursor=."))
        limit = min(pagination.limit, PAGE_MAX)
        if isinstance(queryset, list | tuple):  # a short list worked out whole (e.g. matches)
            return {"items": list(queryset)[:limit], "next": None}
        keyed = queryset if isinstance(queryset, Keyed) else Keyed(queryset)
        try:
            rows, next_cursor = next_rows(keyed.queryset, limit, pagination.cursor)
        except BadCursor:
            raise HttpError(400, _("This cursor was not given by this list; start again "
                                   "without ?cursor=.")) from None
        return {"items": keyed.decorate(rows), "next": next_cursor}


def has_nul(request) -> bool:
    """True if the path or query string carries a NUL byte, raw or percent-encoded.

    PostgreSQL refuses NUL in text, so such a request would fail deep in a query; it can only
    be a mistake or a probe, so it is answered with a 400 before any view runs.
    """
    raw = request.META.get("QUERY_STRING", "")
    return "\x00" in request.path or b"\x00" in unquote_to_bytes(raw.replace("+", " "))


SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


def _text_of(request) -> bytes:
    """The body's bytes as the endpoint would read them: a form's values percent-decoded."""
    if request.content_type == "application/x-www-form-urlencoded":
        return unquote_to_bytes(request.body.replace(b"+", b" "))
    return request.body


def _utf8(body: bytes) -> bool:
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def lone_surrogate_in_json(request) -> str | None:
    """Where a JSON body holds a lone surrogate (`"\\ud800"`), as a field path, else None.

    JSON's escapes can spell half of a UTF-16 pair alone; Python's parser lets it through as a
    string that cannot be encoded, signed or stored, so every endpoint would answer 500 deep in
    an action. Refused here, once, for every endpoint (the fields' own rules refuse it too).
    """
    if not request.content_type.endswith("json") or not SURROGATE_ESCAPE.search(request.body):
        return None
    try:
        parsed = json.loads(request.body)
    except (ValueError, RecursionError):
        return None  # not JSON (or nested past the parser): the endpoint answers that itself
    return _surrogate_path(parsed, ())


def _surrogate_path(value, path) -> str | None:
    pending = [(value, path)]
    while pending:  # iterative: a deeply nested body must not exhaust the stack
        value, path = pending.pop()
        if isinstance(value, str):
            if SURROGATE.search(value):
                return ".".join(str(part) for part in path) or "body"
        elif isinstance(value, dict):
            pending.extend((item, (*path, key)) for key, item in value.items())
            pending.extend((key, (*path, key)) for key in value)
        elif isinstance(value, list):
            pending.extend((item, (*path, index)) for index, item in enumerate(value))
    return None


class ApiMiddleware:
    """For every request: refuse NUL bytes in the URL. For writes under /api/: a rate limit per
    token, and Idempotency-Key replay.

    A retried POST with the same key and the same body gets the first answer again, so a
    request repeated over a bad link never acts twice; the same key with another body is a 422.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if has_nul(request):
            message = _("The address contains a NUL character.")
            if request.path.startswith("/api/"):
                return error(400, "bad_request", message)
            return error_page(request, message, 400)
        if not request.path.startswith("/api/"):
            return self.get_response(request)
        return self._json_errors(self._api(request))

    @staticmethod
    def _json_errors(response):
        """Errors django-ninja answers itself without a body (405) get {code, message} too."""
        if response.status_code == 405 and not response.get("Content-Type", "").startswith(
            "application/json"
        ):
            replacement = error(
                405, "method_not_allowed", _("This address does not take that method.")
            )
            if response.has_header("Allow"):
                replacement["Allow"] = response["Allow"]
            return replacement
        return response

    def _api(self, request):
        if request.method not in WRITE_METHODS:
            return self.get_response(request)
        if not request.content_type.startswith("multipart/") and not _utf8(_text_of(request)):
            # Every body the API reads is text (JSON, or a form); an endpoint that reads none
            # would otherwise act on a request whose body no one could have meant.
            return error(400, "bad_request", _("The request body is not valid UTF-8 text."))
        surrogate_at = lone_surrogate_in_json(request)
        if surrogate_at is not None:
            return error(
                422,
                "invalid",
                _("%(field)s: must not contain unpaired surrogates (not valid Unicode text)")
                % {"field": surrogate_at},
                field=surrogate_at,
            )
        user = self._user(request)
        if user is not None:
            capacity, per_minute = settings.COMMONING_WRITE_RATE
            if not ratelimit.api_writes.take(
                f"api:write:{user.pk}", capacity=capacity, per_minute=per_minute
            ):
                security.record("api:write:throttled", request=request, user=user)
                response = error(
                    429, "rate_limited", _("Too many writes; wait a minute and retry.")
                )
                response["Retry-After"] = "60"
                return response
        key = request.headers.get(IDEMPOTENCY_HEADER)
        if key is None or user is None or request.method != "POST":
            return self.get_response(request)
        if not key or len(key) > 200 or not key.isprintable():
            return error(
                400, "bad_idempotency_key", _("Idempotency-Key must be 1-200 printable characters.")
            )
        request_hash = hashlib.sha256(
            request.method.encode() + b" " + request.path.encode() + b"\n" + request.body
        ).hexdigest()
        record, previous = self._reserve(user, key, request_hash)
        if previous is not None:
            return self._replay(previous, request_hash)
        try:
            response = self.get_response(request)
        except BaseException:
            record.delete()
            raise
        if response.status_code >= 500:
            record.delete()  # a server fault is not an answer: the retry should run again
        else:
            record.status_code = response.status_code
            record.body = bytes(response.content)
            record.save(update_fields=["status_code", "body"])
        return response

    @staticmethod
    def _reserve(user, key: str, request_hash: str):
        """Claim the key before acting, so two copies of one request racing over a flaky link
        cannot both act: the loser finds the claim. Returns (claim, None) or (None, earlier).
        """
        try:
            with transaction.atomic():
                claim = IdempotencyRecord.objects.create(
                    user=user, key=key, request_hash=request_hash, status_code=PENDING, body=b""
                )
            return claim, None
        except IntegrityError:
            previous = IdempotencyRecord.objects.get(user=user, key=key)
        abandoned = timezone.now() - previous.created_at > PENDING_ABANDONED_AFTER
        if previous.status_code == PENDING and abandoned and previous.request_hash == request_hash:
            # The process that claimed it died mid-request; this retry takes the claim over.
            previous.created_at = timezone.now()
            previous.save(update_fields=["created_at"])
            return previous, None
        return None, previous

    @staticmethod
    def _replay(previous, request_hash: str):
        if previous.request_hash != request_hash:
            return error(
                422,
                "idempotency_key_reused",
                _("This Idempotency-Key was used for a different request."),
            )
        if previous.status_code == PENDING:
            response = error(
                409, "idempotency_key_in_use", _("A request with this Idempotency-Key is running.")
            )
            response["Retry-After"] = "1"
            return response
        replay = HttpResponse(
            bytes(previous.body), status=previous.status_code, content_type="application/json"
        )
        replay["Idempotent-Replayed"] = "true"
        return replay

    @staticmethod
    def _user(request):
        token = bearer_token(request)
        user = user_for_token(token) if token is not None else None
        if user is not None:
            setattr(request, TOKEN_USER_ATTRIBUTE, (token, user))
        return user
