"""The django-ninja API: mounts each app's router; OpenAPI at /api/openapi.json.

Errors are JSON {code, message}; lists page by keys ({items, next}; the log's
entries: {items, count}); writes need a token.
"""

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from commoning.accounts import security
from commoning.accounts.access import NotAMember
from commoning.accounts.api import router as accounts_router
from commoning.apikit import IDEMPOTENCY_HEADER, error
from commoning.association.api import router as association_router
from commoning.budgets.api import router as budgets_router
from commoning.commons.api import router as commons_router
from commoning.core.fields import FieldError
from commoning.decisions.api import router as decisions_router
from commoning.log.api import router as log_router
from commoning.log.registry import Rejected
from commoning.notify.api import router as notify_router
from commoning.search.api import router as search_router
from commoning.talk.api import router as talk_router
from commoning.work.api import router as work_router

IDEMPOTENCY_PARAMETER = {
    "name": IDEMPOTENCY_HEADER,
    "in": "header",
    "required": False,
    "schema": {"type": "string", "minLength": 1, "maxLength": 200},
    "description": (
        "Any key you choose (1-200 printable characters). A retry with the same key and body "
        "answers what the first request answered and does nothing twice; the same key for "
        "another request is refused with 422, and while the first is still running with 409."
    ),
}


class CommoningAPI(NinjaAPI):
    """The node's API; its schema documents the Idempotency-Key header every POST honours
    (commoning.apikit replays it for all writes, so no operation declares it itself)."""

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        for item in schema["paths"].values():
            operation = item.get("post")
            if operation is not None:
                operation.setdefault("parameters", []).append(IDEMPOTENCY_PARAMETER)
        return schema


api = CommoningAPI(
    title="Commoning node API",
    version="1",
    description="Members, commons and the signed log of a Commoning network.",
    urls_namespace="api",
)
api.add_router("/", accounts_router)
api.add_router("/commons", commons_router)
api.add_router("/log", log_router)
api.add_router("/work", work_router)
api.add_router("/decisions", decisions_router)
api.add_router("/talk", talk_router)
api.add_router("/notifications", notify_router)
api.add_router("/search", search_router)
api.add_router("/association", association_router)
api.add_router("/budgets", budgets_router)


HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    429: "rate_limited",
}
# Parts of a pydantic error location that say where the input came from, not which field.
LOCATION_SOURCES = {"body", "payload", "query", "path", "header", "cookie", "form"}


def _field_path(location) -> str:
    return ".".join(str(part) for part in location if part not in LOCATION_SOURCES)


@api.exception_handler(ValidationError)
def on_validation_error(request, exc):
    # Only where, what and why: pydantic's own error dicts echo the input back (possibly a
    # megabyte of it) and may hold exception objects that JSON cannot carry.
    errors = [
        {"field": _field_path(item.get("loc", ())) or "body", "message": str(item.get("msg", ""))}
        for item in exc.errors
    ]
    first = errors[0] if errors else {"field": "body", "message": "invalid input"}
    message = f"{first['field']}: {first['message']}"
    return error(422, "invalid", message, field=first["field"], errors=errors)


@api.exception_handler(FieldError)
def on_field_error(request, exc):
    return error(422, "invalid", str(exc), field=exc.field)


@api.exception_handler(Rejected)
def on_rejected(request, exc):
    if exc.status == 403:
        security.record(
            "api:access:denied", request=request, detail=f"{request.path}: {exc.reason}"
        )
    codes = {403: "forbidden", 404: "not_found", 409: "conflict", 429: "rate_limited"}
    return error(exc.status, codes.get(exc.status, "rejected"), exc.reason)


@api.exception_handler(NotAMember)
def on_not_a_member(request, exc):
    return error(403, "not_a_member", str(exc))


@api.exception_handler(AuthenticationError)
def on_auth_error(request, exc):
    return error(401, "unauthorized", _("Send a valid token: Authorization: Bearer <token>."))


@api.exception_handler(Http404)
def on_not_found(request, exc):
    return error(404, "not_found", str(exc) or "not found")


@api.exception_handler(HttpError)
def on_http_error(request, exc):
    return error(exc.status_code, HTTP_CODES.get(exc.status_code, "error"), str(exc))
