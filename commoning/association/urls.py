"""Addresses of the association's pages."""

from django.urls import path

from commoning.association import views

urlpatterns = [
    path("", views.association_page, name="association"),
    path("join/", views.join, name="association_join"),
    path("leave/", views.leave, name="association_leave"),
    path("approve/<str:join_id>/", views.approve, name="association_approve"),
]
