"""Addresses of budget pages, under /budgets/."""

from django.urls import path

from commoning.budgets import views

urlpatterns = [
    path("", views.round_list, name="budget_rounds"),
    path("new/", views.round_new, name="budget_round_new"),
    path("import/", views.round_import, name="budget_round_import"),
    path("<str:round_id>/", views.round_detail, name="budget_round"),
    path("<str:round_id>/propose/", views.round_propose, name="budget_round_propose"),
    path("<str:round_id>/vote/", views.round_vote, name="budget_round_vote"),
    path("<str:round_id>/close/", views.round_close, name="budget_round_close"),
    path("<str:round_id>/round.pb", views.round_export, name="budget_round_export"),
]
