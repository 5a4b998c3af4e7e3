"""The node's URLs, plus /bench/bare: a view that answers a constant (see bare_view_settings)."""

from django.http import HttpResponse
from django.urls import path

from commoning.urls import urlpatterns as node_urlpatterns


def bare(request):
    return HttpResponse(b'{"ok": true}', content_type="application/json")


urlpatterns = [path("bench/bare", bare), *node_urlpatterns]
