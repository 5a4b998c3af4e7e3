"""URLs of decisions, under /decisions/."""

from django.urls import path

from commoning.decisions import views

urlpatterns = [
    path("", views.decision_list, name="decisions"),
    path("new/", views.decision_new, name="decision_new"),
    path("delegation/", views.delegation_page, name="decision_delegation"),
    path("delegation/revoke/", views.delegation_revoke, name="decision_revoke"),
    path("<str:proposal_id>/", views.decision_page, name="decision"),
    path("<str:proposal_id>/vote/", views.decision_vote, name="decision_vote"),
    path("<str:proposal_id>/close/", views.decision_close, name="decision_close"),
    path("<str:proposal_id>/result/", views.decision_result, name="decision_result"),
]
