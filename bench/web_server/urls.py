"""The node's URLs plus `/bench/bare/`: a view that does nothing but answer, the baseline."""

from django.http import HttpResponse
from django.urls import path

from commoning import urls as node_urls


def bare(request):
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("bench/bare/", bare), *node_urls.urlpatterns]
handler400 = node_urls.handler400
handler403 = node_urls.handler403
handler404 = node_urls.handler404
handler500 = node_urls.handler500
