"""Node-local tables of search: the documents found, and the queue of objects to index again.

Neither is a projection: a document's text includes attachment bodies, which a node may not
hold yet (or has erased), so two nodes with the same entries may index different text. Both
tables are left out of the state hash and are remade from the projections (see index.py).
"""

from django.db import models


class SearchDocument(models.Model):
    """One searchable object: its words, and what a result shows.

    Its id is not a sequence: index.document_id makes it from the time and the object, so
    the full-text indexes' own order is newest first, the same on every node and rebuild.

    The full-text index sits beside this table: an FTS5 table over `title` and `body` on
    SQLite, a `vector` column with a GIN index on PostgreSQL (both made in migrations).
    """

    id = models.BigIntegerField(primary_key=True)
    net = models.CharField(max_length=64)
    kind = models.CharField(max_length=20)  # a name in search.registry.KINDS
    object_id = models.CharField(max_length=64)
    commons_id = models.CharField(max_length=64, blank=True, default="")
    member_id = models.CharField(max_length=64, blank=True, default="")
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True, default="")
    ts = models.BigIntegerField()
    # The filters as words of their own ("zn<net> zk<kind> zc<commons> zm<member>"), so FTS5
    # narrows by them inside its index (query._sqlite); PostgreSQL filters on the columns.
    tags = models.TextField(blank=True, default="")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_doc_object_unique")
        ]


class SearchPending(models.Model):
    """An object whose document must be made again, queued by database triggers on the apps'
    tables (search.triggers). `kind` "_body" names an attachment hash that arrived or changed.

    No uniqueness: a queue row is taken by its id, so a change queued while the indexer runs
    is never absorbed into a row the indexer is about to delete (see index.catch_up).
    """

    id = models.BigAutoField(primary_key=True)
    kind = models.CharField(max_length=20)
    object_id = models.CharField(max_length=64)
