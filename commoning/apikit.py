"""API plumbing shared by every router: token auth, JSON errors, pagination, rate limits and
Idempotency-Key replay for POST. Routers stay thin: they call actions and access functions.
"""

import hashlib

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from ninja.pagination import LimitOffsetPagination
from ninja.security import HttpBearer

from commoning.accounts import ratelimit, security
from commoning.accounts.actions import user_for_token
from commoning.accounts.models import IdempotencyRecord

IDEMPOTENCY_HEADER = "Idempotency-Key"
WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


class TokenAuth(HttpBearer):
    """`Authorization: Bearer cmn_…` with a token made on the node's Tokens page."""

    def authenticate(self, request, token):
        if not isinstance(token, str) or len(token) > 200:
            return None
        user = user_for_token(token)
        if user is None:
            security.record("api:token:rejected", request=request)
            return None
        request.user = user
        return user


def error(status: int, code: str, message: str, **extra) -> JsonResponse:
    return JsonResponse({"code": code, "message": message, **extra}, status=status)


class Pagination(LimitOffsetPagination):
    """?limit= (1-100, default 20) and ?offset=; answers {items, count}."""

    max_limit = 100


class ApiMiddleware:
    """For writes under /api/: a rate limit per token, and Idempotency-Key replay.

    A retried POST with the same key and the same body gets the first answer again, so a
    request repeated over a bad link never acts twice; the same key with another body is a 422.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith("/api/") or request.method not in WRITE_METHODS:
            return self.get_response(request)
        user = self._user(request)
        if user is not None:
            capacity, per_minute = settings.COMMONING_WRITE_RATE
            if not ratelimit.take(f"api:write:{user.pk}", capacity=capacity, per_minute=per_minute):
                security.record("api:write:throttled", request=request, user=user)
                response = error(429, "rate_limited", "Too many writes; wait a minute and retry.")
                response["Retry-After"] = "60"
                return response
        key = request.headers.get(IDEMPOTENCY_HEADER)
        if key is None or user is None or request.method != "POST":
            return self.get_response(request)
        if not key or len(key) > 200 or not key.isprintable():
            return error(400, "bad_idempotency_key", "Idempotency-Key must be 1-200 printable characters.")
        request_hash = hashlib.sha256(
            request.method.encode() + b" " + request.path.encode() + b"\n" + request.body
        ).hexdigest()
        previous = IdempotencyRecord.objects.filter(user=user, key=key).first()
        if previous is not None:
            if previous.request_hash != request_hash:
                return error(
                    422, "idempotency_key_reused",
                    "This Idempotency-Key was used for a different request.",
                )
            replay = HttpResponse(
                bytes(previous.body), status=previous.status_code, content_type="application/json"
            )
            replay["Idempotent-Replayed"] = "true"
            return replay
        response = self.get_response(request)
        if response.status_code < 500:
            IdempotencyRecord.objects.get_or_create(
                user=user,
                key=key,
                defaults={
                    "request_hash": request_hash,
                    "status_code": response.status_code,
                    "body": bytes(response.content),
                },
            )
        return response

    @staticmethod
    def _user(request):
        header = request.headers.get("Authorization", "")
        if not header.startswith("Bearer "):
            return None
        token = header.removeprefix("Bearer ").strip()
        return user_for_token(token) if 0 < len(token) <= 200 else None

