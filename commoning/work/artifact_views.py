"""Pages of artifacts and their revisions: create, read and revise (on the version the text was
loaded from), the history a page at a time, one revision with its diff, restore an old version,
and join two current versions. Thin: artifact_actions write, access and versions read."""

import difflib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from commoning.accounts.models import Member
from commoning.front.forms import add_action_error
from commoning.front.prg import action_of, see_other
from commoning.work import access, artifact_actions, forms, textmerge, versions
from commoning.work.events.artifact_files import PREVIEWABLE_MEDIA_TYPES
from commoning.work.models import Revision
from commoning.work.page_kit import (
    ACTION_ERRORS,
    commons_or_404,
    names_of,
    net_or_404,
    refusal_status,
)

RECENT_REVISIONS = 10


def _artifact_or_404(artifact_id: str):
    artifact = access.get_artifact(net_or_404(), artifact_id[:64])
    if artifact is None:
        raise Http404("no such artifact")
    return artifact


def _artifact_url(artifact, commons) -> str:
    return reverse("work_artifact", args=[artifact.id]) + f"?commons={commons.id}"


def _error_status(error) -> int:
    """The status of a refused action shown beside its form (409 conflict, 403, else 400)."""
    return getattr(error, "status", None) or 400


def _diff(old_text: str, new_text: str) -> list[str]:
    lines = difflib.unified_diff(
        old_text.splitlines(), new_text.splitlines(), "before", "after", lineterm="", n=3
    )
    return list(lines)[2:]


@login_required
def artifact_new(request, commons_id: str):
    commons = commons_or_404(commons_id)
    form = forms.ArtifactForm(request.POST or None)
    status = 400
    if request.method == "POST" and form.is_valid():
        try:
            artifact = artifact_actions.create_artifact(
                request.user, commons.id, **form.cleaned_data
            )
        except ACTION_ERRORS as error:
            add_action_error(form, error)
            status = _error_status(error)
        else:
            return see_other(_artifact_url(artifact, commons))
    return render(
        request,
        "work/form.html",
        {"form": form, "commons": commons, "title": _("New artifact"), "submit": _("Create")},
        status=(status if form.errors else 200),
    )


def artifact_detail(request, artifact_id: str):
    artifact = _artifact_or_404(artifact_id)
    commons = commons_or_404(request.GET.get("commons") or artifact.commons_id)
    heads = versions.heads_of(artifact, commons.id)
    head = heads[0] if heads else None
    form = forms.RevisionForm(
        request.POST or None,
        initial={"body": versions.body_of(head), "base": head.id if head else ""},
    )
    conflict, status = None, 200
    if request.method == "POST":
        if not request.user.is_authenticated:
            return see_other(f"/login/?next={request.path}")
        if form.is_valid():
            try:
                artifact_actions.revise_artifact(
                    request.user, artifact.id, commons_id=commons.id, **form.cleaned_data
                )
            except artifact_actions.EditConflict as error:
                # Nothing was saved. The form comes back on the version saved meanwhile, holding
                # the merge: every change of both sides, the overlapping ones between markers.
                conflict, status = error, 409
                data = request.POST.copy()
                data["base"], data["body"] = error.head.id, error.merge.text
                form = forms.RevisionForm(data)
            except ACTION_ERRORS as error:
                add_action_error(form, error)
                status = _error_status(error)
            else:
                messages.success(request, _("Revision saved."))
                return see_other(_artifact_url(artifact, commons))
        else:
            status = 400
    return artifact_page(request, artifact, commons, heads=heads, form=form, conflict=conflict,
                         status=status)


def artifact_page(request, artifact, commons, *, heads=None, form=None, conflict=None,
                  status=200, file_form=None):
    """The artifact page: its current text, history, files and forms. A refused revision or file
    comes back here bound, with its message beside its field and the refusal's 4xx."""
    if heads is None:
        heads = versions.heads_of(artifact, commons.id)
    head = heads[0] if heads else None
    if form is None:
        form = forms.RevisionForm(
            initial={"body": versions.body_of(head), "base": head.id if head else ""}
        )
    recent, older = versions.history_page(artifact, commons.id)
    recent = recent[:RECENT_REVISIONS]
    files = list(access.files_of(artifact.id))
    return render(
        request,
        "work/artifact.html",
        {
            "artifact": artifact,
            "commons": commons,
            "heads": heads,
            "head": head,
            "body": versions.body_of(head),
            "revisions": recent,
            "more_history": bool(older) or len(recent) == RECENT_REVISIONS,
            "form": form,
            "conflict": conflict,
            "files": files,
            "previewable": PREVIEWABLE_MEDIA_TYPES,
            "file_form": file_form or forms.ArtifactFileForm(),
            "names": names_of({r.author_id for r in [*recent, *heads]}
                              | {f.member_id for f in files}),
            "heads_text": ngettext(
                "There is %(count)d current version.",
                "There are %(count)d current versions: members saved on different nodes "
                "from the same version.",
                len(heads),
            )
            % {"count": len(heads)},
        },
        status=status,
    )


def artifact_history(request, artifact_id: str):
    artifact = _artifact_or_404(artifact_id)
    commons = commons_or_404(request.GET.get("commons") or artifact.commons_id)
    page, older = versions.history_page(artifact, commons.id, request.GET.get("before", "")[:90])
    return render(
        request,
        "work/history.html",
        {
            "artifact": artifact,
            "commons": commons,
            "revisions": page,
            "older": older,
            "first_page": not request.GET.get("before"),
            "head_ids": {head.id for head in versions.heads_of(artifact, commons.id)},
            "names": names_of({r.author_id for r in page}),
        },
    )


def _revision_or_404(revision_id: str):
    revision = access.get_revision(net_or_404(), revision_id[:64])
    if revision is None:
        raise Http404("no such revision")
    return revision


def _revision_url(revision_id: str) -> str:
    return reverse("work_revision", args=[revision_id[:64]])


def revision_detail(request, revision_id: str):
    revision = _revision_or_404(revision_id)
    return _revision_page(request, revision, request.GET.get("commons"))


def _revision_page(request, revision, commons_id, *, restore_form=None, status=200):
    """One revision with its diff; a refused restore comes back bound (its message beside its
    field, or above the form) with the refusal's 4xx, at the action URL (GET there sends here)."""
    artifact = access.get_artifact(revision.net, revision.artifact_id)
    commons = commons_or_404(commons_id or revision.commons_id)
    parent = access.get_revision(revision.net, revision.parent_id) if revision.parent_id else None
    body = versions.body_of(revision)
    heads = versions.heads_of(artifact, commons.id)
    linked = [revision.merged_id, revision.restored_id]
    others = {r.id: r for r in Revision.objects.filter(id__in=[i for i in linked if i])}
    return render(
        request,
        "work/revision.html",
        {
            "revision": revision,
            "artifact": artifact,
            "commons": commons,
            "parent": parent,
            "merged": others.get(revision.merged_id),
            "restored": others.get(revision.restored_id),
            "body": body,
            "diff": _diff(versions.body_of(parent), body),
            "author": Member.objects.filter(id=revision.author_id).first(),
            "is_current": revision.id in {head.id for head in heads},
            "restore_form": restore_form
            or forms.RestoreForm(initial={"base": heads[0].id if heads else ""}),
        },
        status=status,
    )


@login_required
@action_of(_revision_url)
def revision_restore(request, revision_id: str):
    revision = _revision_or_404(revision_id)
    commons = commons_or_404(request.POST.get("commons") or revision.commons_id)
    form = forms.RestoreForm(request.POST)
    if not form.is_valid():
        if "base" in form.errors:  # a hidden field: the member can do nothing about it but reload
            form.add_error(None, _("Reload the page and try again."))
        return _revision_page(request, revision, commons.id, restore_form=form, status=400)
    try:
        restored = artifact_actions.restore_revision(
            request.user, revision.id, commons_id=commons.id, **form.cleaned_data
        )
    except ACTION_ERRORS as error:
        add_action_error(form, error)
        status = refusal_status(request, error)
        return _revision_page(request, revision, commons.id, restore_form=form, status=status)
    messages.success(request, _("Restored: the old text is now the current version."))
    return see_other(
        _artifact_url(access.get_artifact(restored.net, restored.artifact_id), commons)
    )


@login_required
def artifact_merge(request, artifact_id: str):
    artifact = _artifact_or_404(artifact_id)
    commons = commons_or_404(request.GET.get("commons") or artifact.commons_id)
    heads = versions.heads_of(artifact, commons.id)
    if len(heads) < 2:
        messages.info(request, _("There is only one current version: nothing to merge."))
        return see_other(_artifact_url(artifact, commons))
    newer, older = heads[0], heads[1]
    ancestor = versions.common_ancestor(artifact, commons.id, newer, older)
    labels = (older.id[:12], newer.id[:12])
    merge = textmerge.merge_texts(
        versions.body_of(ancestor), versions.body_of(older), versions.body_of(newer), labels
    )
    form = forms.MergeForm(
        request.POST or None,
        initial={
            "parent": newer.id,
            "merged": older.id,
            "body": merge.text,
            "note": _("Merged two versions"),
        },
    )
    status = 400 if form.errors else 200
    if request.method == "POST" and form.is_valid():
        try:
            artifact_actions.merge_versions(
                request.user, artifact.id, commons_id=commons.id, **form.cleaned_data
            )
        except ACTION_ERRORS as error:
            add_action_error(form, error)
            status = _error_status(error)
        else:
            messages.success(request, _("Merged: the artifact has one current version again."))
            return see_other(_artifact_url(artifact, commons))
    return render(
        request,
        "work/merge.html",
        {
            "artifact": artifact,
            "commons": commons,
            "newer": newer,
            "older": older,
            "labels": labels,
            "merge": merge,
            "form": form,
            "names": names_of({newer.author_id, older.author_id}),
        },
        status=status,
    )
