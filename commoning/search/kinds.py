"""The kinds the search box finds today: commons, tasks, contributions, artifacts and members.

Each says which rows make its documents; the tables' triggers are installed by this app's
migrations (0002_triggers). Later apps register their own kinds the same way.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from commoning.accounts.models import Member
from commoning.commons.models import Commons
from commoning.search.registry import Document, SearchKind, register_kind
from commoning.search.text import bodies, first_line
from commoning.work.models import Artifact, Contribution, Revision, Task


def commons_documents(ids):
    rows = list(Commons.objects.filter(id__in=ids).values_list(
        "id", "net", "name", "description_hash", "founder_id", "created_ts"))
    texts = bodies(row[3] for row in rows)
    return [
        Document(net, object_id, name, texts.get(description_hash, ""), created_ts,
                 commons_id=object_id, member_id=founder_id)
        for object_id, net, name, description_hash, founder_id, created_ts in rows
    ]


def task_documents(ids):
    rows = list(Task.objects.filter(id__in=ids).values_list(
        "id", "net", "title", "description_hash", "commons_id", "author_id", "created_ts"))
    texts = bodies(row[3] for row in rows)
    return [
        Document(net, object_id, title, texts.get(description_hash, ""), created_ts,
                 commons_id=commons_id, member_id=author_id)
        for object_id, net, title, description_hash, commons_id, author_id, created_ts in rows
    ]


def contribution_documents(ids):
    # Hidden contributions (spam) are never found: their documents are dropped.
    rows = list(Contribution.objects.filter(id__in=ids, hidden=False).values_list(
        "id", "net", "kind", "description_hash", "commons_id", "member_id", "ts"))
    texts = bodies(row[3] for row in rows)
    documents = []
    for object_id, net, kind, description_hash, commons_id, member_id, ts in rows:
        note = texts.get(description_hash, "")
        # A contribution has no title of its own: the note's first line says what it was.
        documents.append(Document(net, object_id, first_line(note) or kind, note, ts,
                                  commons_id=commons_id, member_id=member_id))
    return documents


def artifact_documents(ids):
    """An artifact is found by its title and by the text of its newest revision."""
    rows = list(Artifact.objects.filter(id__in=ids).values_list(
        "id", "net", "title", "commons_id", "author_id", "created_ts"))
    newest = {}
    for artifact_id, body_hash in (
        Revision.objects.filter(artifact_id__in=[row[0] for row in rows])
        .order_by("artifact_id", "ts", "id")
        .values_list("artifact_id", "body_hash")
    ):
        newest[artifact_id] = body_hash  # ascending: the last one seen is the newest
    texts = bodies(newest.values())
    return [
        Document(net, object_id, title, texts.get(newest.get(object_id), ""), created_ts,
                 commons_id=commons_id, member_id=author_id)
        for object_id, net, title, commons_id, author_id, created_ts in rows
    ]


def member_documents(ids):
    rows = list(Member.objects.filter(id__in=ids).values_list(
        "id", "net", "name", "bio_hash", "created_ts"))
    texts = bodies(row[3] for row in rows)
    return [
        Document(net, object_id, name, texts.get(bio_hash, ""), created_ts, member_id=object_id)
        for object_id, net, name, bio_hash, created_ts in rows
    ]


def link_to(url_name):
    """The page of an object: reversed once with a stand-in id, then filled in (a reverse
    per result cost more than the search itself)."""
    pattern = []

    def link(object_id):
        if not pattern:
            pattern.append(reverse(url_name, args=["0" * 64]).replace("0" * 64, "{}"))
        return pattern[0].format(object_id)
    return link


def ids_with(model, column):
    def objects_with_bodies(hashes):
        return list(model.objects.filter(**{f"{column}__in": hashes}).values_list(
            "artifact_id" if model is Revision else "id", flat=True))
    return objects_with_bodies


register_kind(SearchKind(
    "commons", lambda: _("Commons"), lambda: _("Commons"), commons_documents,
    ids_with(Commons, "description_hash"), link_to("commons_detail")))
register_kind(SearchKind(
    "task", lambda: _("Task"), lambda: _("Tasks"), task_documents,
    ids_with(Task, "description_hash"), link_to("work_task")))
register_kind(SearchKind(
    "contribution", lambda: _("Contribution"), lambda: _("Contributions"),
    contribution_documents, ids_with(Contribution, "description_hash"),
    link_to("work_contribution")))
register_kind(SearchKind(
    "artifact", lambda: _("Artifact"), lambda: _("Artifacts"), artifact_documents,
    ids_with(Revision, "body_hash"), link_to("work_artifact")))
register_kind(SearchKind(
    "member", lambda: _("Member"), lambda: _("Members"), member_documents,
    ids_with(Member, "bio_hash"), link_to("member")))
