"""Post/redirect/get for pages: an action answers a success with 303 to its page, and an action
URL asked with GET (a reload, a bookmark, a back button) sends the browser to that page instead
of the bare 405 a POST-only view would give."""

from functools import wraps

from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import resolve_url


def see_other(to, *args, **kwargs) -> HttpResponseRedirect:
    """A 303 to `to` (a URL name or path): the browser follows it with GET, so a reload of the
    page it lands on never posts again."""
    response = HttpResponseRedirect(resolve_url(to, *args, **kwargs))
    response.status_code = 303
    return response


def action_of(page_url):
    """Decorate a view that only acts on POST. `page_url(**url_kwargs)` names the page the action
    belongs to; a GET or HEAD of the action URL is sent there with a 303."""

    def decorate(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method in ("GET", "HEAD"):
                return see_other(page_url(*args, **kwargs))
            if request.method != "POST":
                return HttpResponseNotAllowed(["GET", "POST"])
            return view(request, *args, **kwargs)

        wrapped.page_of_action = page_url  # lets a test find every action address
        return wrapped

    return decorate
