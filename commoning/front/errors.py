"""Error pages: plain HTML for people, JSON {code, message} under /api/."""

from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def error_page(request, message: str, status: int):
    """The page a view shows when it refuses: the reason, under a heading fit for the status."""
    return render(
        request, "front/error.html", {"message": message, "status": status}, status=status
    )


def _respond(request, status: int, code: str, message: str):
    if request.path.startswith("/api/"):
        return JsonResponse({"code": code, "message": message}, status=status)
    return error_page(request, message, status)


def bad_request(request, exception=None):
    return _respond(request, 400, "bad_request", _("The request could not be understood."))


def forbidden(request, exception=None):
    return _respond(request, 403, "forbidden", _("You may not do that."))


def not_found(request, exception=None):
    # A view's own Http404 says what is missing; the URL resolver's carries a dict of patterns.
    reason = exception.args[0] if exception is not None and exception.args else None
    message = reason if isinstance(reason, str) and reason else _("Nothing is here.")
    return _respond(request, 404, "not_found", message)


def server_error(request):
    message = _("Something broke on this node.")
    try:
        return _respond(request, 500, "server_error", message)
    except Exception:
        return HttpResponse(message, status=500, content_type="text/plain; charset=utf-8")
