"""The full-text index beside search documents, and the triggers that queue objects.

SQLite: an FTS5 table over the documents' title, body and filter tags (external content, kept
in step by three triggers on the documents table). PostgreSQL: a generated tsvector column (title weighted
A, body D, the 'simple' configuration, words cut at anything not a letter or digit like FTS5
does) with a GIN index. Then the queueing triggers of search.triggers on every table a
document is made from, and every existing object queued once.
"""

from django.db import migrations

from commoning.search import triggers
from commoning.search.triggers import Watch

WATCHES = [
    Watch("commons_commons", "commons", "id", ("name", "description_hash")),
    Watch("work_task", "task", "id", ("title", "description_hash", "commons_id")),
    Watch("work_contribution", "contribution", "id", ("description_hash", "hidden", "kind")),
    Watch("work_artifact", "artifact", "id", ("title",)),
    Watch("work_revision", "artifact", "artifact_id", ("body_hash",)),
    Watch("accounts_member", "member", "id", ("name", "bio_hash")),
    Watch("log_attachment", "_body", "hash", ("erased", "body")),
]

SQLITE_FTS = [
    "CREATE VIRTUAL TABLE search_fts USING fts5(title, body, tags, content='search_searchdocument',"
    " content_rowid='id', tokenize='unicode61 remove_diacritics 0')",
    "CREATE TRIGGER search_fts_ins AFTER INSERT ON search_searchdocument BEGIN"
    " INSERT INTO search_fts (rowid, title, body, tags) VALUES (NEW.id, NEW.title, NEW.body, NEW.tags); END",
    "CREATE TRIGGER search_fts_del AFTER DELETE ON search_searchdocument BEGIN"
    " INSERT INTO search_fts (search_fts, rowid, title, body, tags)"
    " VALUES ('delete', OLD.id, OLD.title, OLD.body, OLD.tags); END",
    "CREATE TRIGGER search_fts_upd AFTER UPDATE ON search_searchdocument BEGIN"
    " INSERT INTO search_fts (search_fts, rowid, title, body, tags)"
    " VALUES ('delete', OLD.id, OLD.title, OLD.body, OLD.tags);"
    " INSERT INTO search_fts (rowid, title, body, tags) VALUES (NEW.id, NEW.title, NEW.body, NEW.tags); END",
]
SQLITE_FTS_DROP = [
    "DROP TRIGGER IF EXISTS search_fts_ins",
    "DROP TRIGGER IF EXISTS search_fts_del",
    "DROP TRIGGER IF EXISTS search_fts_upd",
    "DROP TABLE IF EXISTS search_fts",
]

POSTGRESQL_VECTOR = [
    "ALTER TABLE search_searchdocument ADD COLUMN vector tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('simple', regexp_replace(title, '[^[:alnum:]]+', ' ', 'g')), 'A') || "
    "setweight(to_tsvector('simple', regexp_replace(body, '[^[:alnum:]]+', ' ', 'g')), 'D')"
    ") STORED",
    "CREATE INDEX search_document_vector_idx ON search_searchdocument USING GIN (vector)",
]
POSTGRESQL_VECTOR_DROP = [
    "DROP INDEX IF EXISTS search_document_vector_idx",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS vector",
]

QUEUE_EXISTING = [
    "INSERT INTO search_searchpending (kind, object_id) SELECT 'commons', id FROM commons_commons",
    "INSERT INTO search_searchpending (kind, object_id) SELECT 'task', id FROM work_task",
    "INSERT INTO search_searchpending (kind, object_id) SELECT 'contribution', id"
    " FROM work_contribution",
    "INSERT INTO search_searchpending (kind, object_id) SELECT 'artifact', id FROM work_artifact",
    "INSERT INTO search_searchpending (kind, object_id) SELECT 'member', id FROM accounts_member",
]


def forwards(apps, schema_editor):
    postgresql = schema_editor.connection.vendor == "postgresql"
    for statement in POSTGRESQL_VECTOR if postgresql else SQLITE_FTS:
        schema_editor.execute(statement)
    triggers.install(schema_editor, WATCHES)
    for statement in QUEUE_EXISTING:
        schema_editor.execute(statement)


def backwards(apps, schema_editor):
    postgresql = schema_editor.connection.vendor == "postgresql"
    triggers.remove(schema_editor, WATCHES)
    if postgresql:
        schema_editor.execute("DROP FUNCTION IF EXISTS commoning_search_queue()")
    for statement in POSTGRESQL_VECTOR_DROP if postgresql else SQLITE_FTS_DROP:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_documents_and_queue"),
        ("commons", "0001_initial"),
        ("work", "0006_credit_tallies"),
        ("accounts", "0004_security_event_count"),
        ("log", "0004_counters_and_state_hash_position"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
