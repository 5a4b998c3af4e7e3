"""The django-ninja API: mounts each app's router; OpenAPI at /api/openapi.json.

Errors are JSON {code, message}; lists are paginated ({items, count}); writes need a token.
"""

from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from commoning.accounts.access import NotAMember
from commoning.accounts.api import router as accounts_router
from commoning.apikit import error
from commoning.commons.api import router as commons_router
from commoning.core.fields import FieldError
from commoning.log.api import router as log_router
from commoning.log.registry import Rejected

api = NinjaAPI(
    title="Commoning node API",
    version="1",
    description="Members, commons and the signed log of a Commoning network.",
    urls_namespace="api",
)
api.add_router("/", accounts_router)
api.add_router("/commons", commons_router)
api.add_router("/log", log_router)


@api.exception_handler(ValidationError)
def on_validation_error(request, exc):
    first = exc.errors[0] if exc.errors else {}
    where = ".".join(str(part) for part in first.get("loc", ()) if part not in ("body", "payload"))
    message = f"{where}: {first.get('msg', 'invalid input')}" if where else "invalid input"
    return error(422, "invalid", message, errors=exc.errors)


@api.exception_handler(FieldError)
def on_field_error(request, exc):
    return error(422, "invalid", str(exc), field=exc.field)


@api.exception_handler(Rejected)
def on_rejected(request, exc):
    codes = {403: "forbidden", 404: "not_found", 409: "conflict"}
    return error(exc.status, codes.get(exc.status, "rejected"), exc.reason)


@api.exception_handler(NotAMember)
def on_not_a_member(request, exc):
    return error(403, "not_a_member", str(exc))


@api.exception_handler(AuthenticationError)
def on_auth_error(request, exc):
    return error(401, "unauthorized", "Send a valid token: Authorization: Bearer <token>.")


@api.exception_handler(Http404)
def on_not_found(request, exc):
    return error(404, "not_found", str(exc) or "not found")


@api.exception_handler(HttpError)
def on_http_error(request, exc):
    return error(exc.status_code, "error", str(exc))
