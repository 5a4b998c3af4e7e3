"""Node-local sync tables: the peers this node replicates with and the one-time pairing codes
its operators issue. Not projections: they never leave the node and are not in the state hash."""

from django.db import models


class Peer(models.Model):
    """Another node this one syncs with over HTTP (a configured URL or one found on the LAN)."""

    net = models.CharField(max_length=64)
    url = models.CharField(max_length=500, blank=True, default="")
    # The peer's node key, learned from its signed frontier on the first sync.
    node_key = models.CharField(max_length=64, blank=True, default="")
    discovered = models.BooleanField(default=False)  # found by zeroconf rather than added
    # An operator chose this peer: only confirmed peers are pulled from and pushed to. A peer
    # found on the LAN is a proposal until an operator confirms it.
    confirmed = models.BooleanField(default=True)
    # Pushes signed with `node_key` are accepted: the operator paired it (a pairing code, or the
    # key learned on the first sync with a URL the operator chose).
    paired = models.BooleanField(default=False)
    added_at = models.DateTimeField(auto_now_add=True)
    last_sync_at = models.DateTimeField(null=True, blank=True)
    last_result = models.CharField(max_length=16, blank=True, default="")  # ok, failed, invalid
    last_error = models.TextField(blank=True, default="")
    last_received = models.IntegerField(default=0)
    last_sent = models.IntegerField(default=0)
    invalid_entries_seen = models.IntegerField(default=0)
    # What we believe the peer holds (its last signed frontier, advanced by what we sent), so
    # `bundle export --for PEER` carries only what it misses. Canonical JSON text of heads.
    believed_heads = models.TextField(blank=True, default="{}")
    believed_forks = models.TextField(blank=True, default="[]")

    class Meta:
        constraints = [
            # A peer met only through bundles has no URL; it is known by its node key.
            models.UniqueConstraint(
                fields=["net", "url"], condition=~models.Q(url=""), name="peer_url_unique"
            ),
        ]
        ordering = ["url"]

    def __str__(self):
        return self.url


class PairingCode(models.Model):
    """A one-time code an operator hands to another node's operator, so that the two nodes learn
    each other's node keys. Only its SHA-256 is kept; it expires and works once."""

    net = models.CharField(max_length=64)
    code_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    used_by_node = models.CharField(max_length=64, blank=True, default="")
