"""Error pages: plain HTML for people, JSON {code, message} under /api/."""

from django.http import JsonResponse
from django.shortcuts import render


def _respond(request, status: int, code: str, message: str):
    if request.path.startswith("/api/"):
        return JsonResponse({"code": code, "message": message}, status=status)
    return render(request, "front/error.html", {"message": message, "status": status}, status=status)


def bad_request(request, exception=None):
    return _respond(request, 400, "bad_request", "The request could not be understood.")


def forbidden(request, exception=None):
    return _respond(request, 403, "forbidden", "You may not do that.")


def not_found(request, exception=None):
    return _respond(request, 404, "not_found", "Nothing is here.")


def server_error(request):
    return _respond(request, 500, "server_error", "Something broke on this node.")
