"""The kinds the search box finds today: commons, tasks, contributions, artifacts and members.

Each says which rows make its documents; the tables' triggers are installed by this app's
migrations (0002_triggers). Later apps register their own kinds the same way.
"""

import orjson
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from commoning.accounts.models import DeviceKey, Member
from commoning.commons.models import Commons
from commoning.log.models import Entry as EntryRow
from commoning.log.models import EntryStatus
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


def named_by(types: dict):
    """A kind's `objects_with_bodies`: the objects of the applied entries that name these
    bodies, found through the log's index on `att_hash` (the kinds' own hash columns have no
    index, and a scan of every contribution per body that arrives would cost a big node dear).
    `types` maps an entry type to a function (entry id, author key, net, data) -> object id."""
    def objects_with_bodies(hashes):
        rows = EntryRow.objects.filter(
            att_hash__in=hashes, status=EntryStatus.APPLIED, type__in=list(types)
        ).values_list("id", "type", "author", "net", "payload")
        objects = (types[entry_type](entry_id, author, net, orjson.loads(bytes(payload))["data"])
                   for entry_id, entry_type, author, net, payload in rows)
        return [object_id for object_id in objects if object_id]
    return objects_with_bodies


def itself(entry_id, _author, _net, _data):
    return entry_id


def named(field):
    return lambda _entry_id, _author, _net, data: data.get(field)


def member_of_key(_entry_id, author, net, _data):
    return (DeviceKey.objects.filter(net=net, public_key=author)
            .values_list("member_id", flat=True).first())


register_kind(SearchKind(
    "commons", lambda: _("Commons"), lambda: _("Commons"), commons_documents,
    named_by({"commons.create": itself, "commons.update": named("commons")}),
    link_to("commons_detail")))
register_kind(SearchKind(
    "task", lambda: _("Task"), lambda: _("Tasks"), task_documents,
    named_by({"work.task": itself}), link_to("work_task")))
register_kind(SearchKind(
    "contribution", lambda: _("Contribution"), lambda: _("Contributions"),
    contribution_documents,
    named_by({"work.contribution": itself, "work.amend": named("contribution")}),
    link_to("work_contribution")))
register_kind(SearchKind(
    "artifact", lambda: _("Artifact"), lambda: _("Artifacts"), artifact_documents,
    named_by({"work.revision": named("artifact")}), link_to("work_artifact")))
register_kind(SearchKind(
    "member", lambda: _("Member"), lambda: _("Members"), member_documents,
    named_by({"accounts.identity": itself, "accounts.profile": member_of_key}),
    link_to("member")))
