"""Tables of the log itself (entries, parked entries, fork proofs, attachments, node keys)
and the one projection the log owns (networks).

Entries are the source of truth; every domain table elsewhere is a projection rebuilt from them.
"""

from django.db import models


class EntryStatus(models.TextChoices):
    APPLIED = "applied", "applied"
    REJECTED = "rejected", "rejected"  # broke a domain rule: kept for the chain, changes nothing
    CUT = "cut", "cut"  # at or after a fork of its author's feed, or relies on such an entry


class Entry(models.Model):
    """One signed entry in a feed's chain, with its exact payload bytes and signatures."""

    id = models.CharField(max_length=64, primary_key=True)
    net = models.CharField(max_length=64)
    author = models.CharField(max_length=64)
    seq = models.BigIntegerField()
    prev = models.CharField(max_length=64, null=True, blank=True)
    ts = models.BigIntegerField()
    type = models.CharField(max_length=64)
    payload = models.BinaryField()
    sigs = models.TextField()  # JSON list of [signer, signature_b64url], as received
    deps = models.TextField(default="[]")  # JSON list, copied out of the payload for queries
    att_hash = models.CharField(max_length=64, null=True, blank=True)
    status = models.CharField(max_length=8, choices=EntryStatus.choices)
    reason = models.TextField(blank=True, default="")
    # Node-local: the order in which this node applied entries. It always respects causal order
    # (an entry is applied only after its prev and deps), so `rebuild` replays in this order.
    apply_order = models.BigIntegerField(unique=True)
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [
            models.Index(fields=["net", "author", "seq"], name="entry_feed_idx"),
            models.Index(fields=["net", "apply_order"], name="entry_net_order_idx"),
            # The /log/ page and API filtered by type, newest first, page by page (keyset).
            models.Index(fields=["net", "type", "apply_order"], name="entry_net_type_order_idx"),
            # Whether an applied entry names a body, before the body is kept (sync, bundles).
            models.Index(fields=["att_hash"], name="entry_att_hash_idx"),
        ]
        verbose_name_plural = "entries"

    def __str__(self):
        return f"{self.type} {self.id[:12]}"


class ParkedEntry(models.Model):
    """A verified entry that waits: for its prev or a dep to arrive, or for its time to come."""

    id = models.CharField(max_length=64, primary_key=True)
    net = models.CharField(max_length=64)
    author = models.CharField(max_length=64)
    seq = models.BigIntegerField()
    ts = models.BigIntegerField()
    payload = models.BinaryField()
    sigs = models.TextField()
    reason = models.TextField()
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["net", "author", "seq"], name="parked_feed_idx")]


class ParkedWait(models.Model):
    """One id a parked entry is waiting for; looked up by the id when it arrives."""

    parked = models.ForeignKey(ParkedEntry, on_delete=models.CASCADE, related_name="waits")
    missing_id = models.CharField(max_length=64, db_index=True)


class ForkProof(models.Model):
    """Two different signed entries by one key at one (net, seq): proof the key forked."""

    net = models.CharField(max_length=64)
    author = models.CharField(max_length=64)
    seq = models.BigIntegerField()
    first_id = models.CharField(max_length=64)
    second_id = models.CharField(max_length=64)
    first_envelope = models.BinaryField()
    second_envelope = models.BinaryField()
    detected_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["first_id", "second_id"], name="fork_pair_unique")
        ]
        indexes = [models.Index(fields=["net", "author"], name="fork_author_idx")]


class Attachment(models.Model):
    """A detached body (free text, a file, personal data) fetched by its SHA-256.

    Node-local store: erasing one keeps the entry's header, whose hash still verifies.
    """

    hash = models.CharField(max_length=64, primary_key=True)
    size = models.BigIntegerField()
    media_type = models.CharField(max_length=100, default="text/plain; charset=utf-8")
    body = models.BinaryField(null=True)
    erased = models.BooleanField(default=False)
    received_at = models.DateTimeField(auto_now_add=True)


class Network(models.Model):
    """Projection: a network, created by its genesis entry."""

    STATE_HASH_NET_FIELD = "id"  # a network's id is its net, for state_hash(net)

    id = models.CharField(max_length=64, primary_key=True)
    name = models.CharField(max_length=200)
    founder_key = models.CharField(max_length=64)
    created_ts = models.BigIntegerField()

    def __str__(self):
        return self.name


class NodeSetting(models.Model):
    """Node-local key/value settings, e.g. which network this node serves by default."""

    key = models.CharField(max_length=64, primary_key=True)
    value = models.TextField()



class Admission(models.Model):
    """Projection: an applied `accounts.admit` entry, by which a member (or the founder) let a
    key into the network. An identity counts only if it lists such entries in its deps."""

    admit_id = models.CharField(max_length=64, primary_key=True)
    net = models.CharField(max_length=64)
    key = models.CharField(max_length=64)  # the admitted device key
    admitter = models.CharField(max_length=64)  # member id of the admitter, or the founder key

    class Meta:
        indexes = [models.Index(fields=["net", "key"], name="admission_key_idx")]


class QuarantinedEntry(models.Model):
    """Node-local: a verified entry whose author is not (yet) admitted. Not in the log, not in
    the frontier, never relayed; taken into the log if the author's admission arrives. Capped
    in count and bytes (oldest dropped), so outsiders cannot fill the node."""

    order = models.BigAutoField(primary_key=True)
    entry_id = models.CharField(max_length=64, unique=True)
    net = models.CharField(max_length=64)
    author = models.CharField(max_length=64)
    seq = models.BigIntegerField()
    payload = models.BinaryField()
    sigs = models.TextField()
    size = models.IntegerField()  # bytes of payload and signatures, for the cap
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["net", "author"], name="quarantine_author_idx")]


class RefusalTally(models.Model):
    """Node-local: how many entries and fork proofs a source (a peer's node key, a bundle)
    sent for authors who are not admitted, so an operator sees an attack (`commoning doctor`)."""

    source = models.CharField(max_length=100, primary_key=True)
    entries = models.BigIntegerField(default=0)
    fork_proofs = models.BigIntegerField(default=0)
    last_at = models.DateTimeField(auto_now=True)


class StateHashCache(models.Model):
    """Node-local: the last state hash computed, per network ("" for all), and the log position
    it holds for (highest apply order, fork proof count, rebuilds so far). Not a projection."""

    scope = models.CharField(max_length=64, primary_key=True)
    apply_order = models.BigIntegerField()
    fork_proofs = models.BigIntegerField()
    digest = models.CharField(max_length=64)
    # A rebuild may change entries' outcomes without moving the log: it counts as a move.
    rebuilds = models.BigIntegerField(default=0)


class LogCounter(models.Model):
    """Node-local: how many rows a network has of what the home page and the log page count
    (entries, parked entries, members, commons). Kept exact by database triggers on those
    tables (migration 0004), so no page counts over the log; `counters.recount` rebuilds it."""

    net = models.CharField(max_length=64)
    name = models.CharField(max_length=16)
    value = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["net", "name"], name="log_counter_unique")
        ]
