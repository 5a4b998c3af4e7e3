"""URL map of peer-production pages, mounted under /work/."""

from django.urls import path

from commoning.work import (
    artifact_file_views,
    artifact_views,
    board_views,
    contribution_views,
    governance_views,
    task_views,
)

urlpatterns = [
    path("", board_views.work_home, name="work_home"),
    path("commons/<str:commons_id>/", board_views.commons_work, name="work_commons"),
    path("commons/<str:commons_id>/tasks/new/", task_views.task_new, name="work_task_new"),
    path(
        "commons/<str:commons_id>/contribute/",
        contribution_views.contribution_new,
        name="work_contribute",
    ),
    path("commons/<str:commons_id>/rules/", governance_views.commons_rules, name="work_rules"),
    path("commons/<str:commons_id>/roles/", governance_views.commons_roles, name="work_roles"),
    path(
        "commons/<str:commons_id>/roles/change/",
        governance_views.commons_role_change,
        name="work_role_change",
    ),
    path("commons/<str:commons_id>/fork/", governance_views.commons_fork, name="work_fork"),
    path(
        "commons/<str:commons_id>/artifacts/new/",
        artifact_views.artifact_new,
        name="work_artifact_new",
    ),
    path("tasks/<str:task_id>/", task_views.task_detail, name="work_task"),
    path("tasks/<str:task_id>/claim/", task_views.task_claim, name="work_task_claim"),
    path("tasks/<str:task_id>/unclaim/", task_views.task_unclaim, name="work_task_unclaim"),
    path(
        "contributions/<str:contribution_id>/",
        contribution_views.contribution_detail,
        name="work_contribution",
    ),
    path(
        "contributions/<str:contribution_id>/edit/",
        contribution_views.contribution_edit,
        name="work_contribution_edit",
    ),
    path(
        "contributions/<str:contribution_id>/validate/",
        contribution_views.contribution_validate,
        name="work_validate",
    ),
    path(
        "contributions/<str:contribution_id>/hide/",
        contribution_views.contribution_hide,
        name="work_hide",
    ),
    path(
        "contributions/<str:contribution_id>/evidence/",
        contribution_views.evidence_upload,
        name="work_evidence_upload",
    ),
    path("evidence/<str:evidence_id>/", contribution_views.evidence_file, name="work_evidence"),
    path(
        "validations/<str:validation_id>/withdraw/",
        contribution_views.validation_withdraw,
        name="work_withdraw",
    ),
    path(
        "validations/<str:validation_id>/settle/",
        contribution_views.validation_settle,
        name="work_settle",
    ),
    path("members/<str:member_id>/", board_views.member_reputation, name="work_reputation"),
    path("artifacts/<str:artifact_id>/", artifact_views.artifact_detail, name="work_artifact"),
    path(
        "artifacts/<str:artifact_id>/files/",
        artifact_file_views.artifact_file_upload,
        name="work_artifact_file_upload",
    ),
    path("files/<str:file_id>/", artifact_file_views.artifact_file, name="work_artifact_file"),
    path(
        "artifacts/<str:artifact_id>/history/",
        artifact_views.artifact_history,
        name="work_artifact_history",
    ),
    path("artifacts/<str:artifact_id>/merge/", artifact_views.artifact_merge, name="work_merge"),
    path("revisions/<str:revision_id>/", artifact_views.revision_detail, name="work_revision"),
    path(
        "revisions/<str:revision_id>/restore/",
        artifact_views.revision_restore,
        name="work_restore",
    ),
]
