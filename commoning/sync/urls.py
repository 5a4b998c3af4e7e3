"""URLs of sync: the peers page, bundles in the web UI, and the machine sync endpoints."""

from django.urls import path

from commoning.sync import endpoints, views

urlpatterns = [
    path("peers/", views.peers, name="peers"),
    path("peers/<int:peer_id>/sync/", views.sync_now, name="peer_sync"),
    path("peers/<int:peer_id>/remove/", views.remove, name="peer_remove"),
    path("peers/<int:peer_id>/confirm/", views.confirm, name="peer_confirm"),
    path("peers/pair/", views.pair, name="peer_pair"),
    path("peers/pairing-code/", views.pairing_code, name="pairing_code"),
    path("peers/bundle/", views.bundle_download, name="bundle_download"),
    path("peers/bundle/import/", views.bundle_upload, name="bundle_upload"),
    path("sync/<str:net>/frontier", endpoints.frontier, name="sync_frontier"),
    path("sync/<str:net>/pull", endpoints.pull, name="sync_pull"),
    path("sync/<str:net>/push", endpoints.push, name="sync_push"),
    path("sync/<str:net>/pair", endpoints.pair, name="sync_pair"),
]
