"""Accounts tables. `Member` and `DeviceKey` are projections of identity entries; the rest
(logins, custodial keys, API tokens, security log, rate buckets, idempotency records) are
node-local and never leave the node.
"""

from django.conf import settings
from django.db import models


class Member(models.Model):
    """Projection: a person or organisation in a network, identified by its identity entry."""

    id = models.CharField(max_length=64, primary_key=True)
    net = models.CharField(max_length=64, db_index=True)
    name = models.CharField(max_length=100)
    bio_hash = models.CharField(max_length=64, null=True, blank=True)
    custody = models.CharField(max_length=8)  # "node": the node holds the key; "self": the member
    created_ts = models.BigIntegerField()
    # Last-writer-wins clocks per field: "ts:author:entry id", zero-padded so strings compare.
    name_clock = models.CharField(max_length=160)
    bio_clock = models.CharField(max_length=160, default="")

    def __str__(self):
        return self.name


class DeviceKey(models.Model):
    """Projection: a device key that acts for a member in a network."""

    net = models.CharField(max_length=64)
    public_key = models.CharField(max_length=64)
    member_id = models.CharField(max_length=64, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["net", "public_key"], name="device_key_unique")
        ]


class CustodialKey(models.Model):
    """Node-local: a secret key the node holds, sealed under the key-store secret."""

    public_key = models.CharField(max_length=64, primary_key=True)
    sealed_seed = models.BinaryField()
    purpose = models.CharField(max_length=16)  # member, founder or node
    created_at = models.DateTimeField(auto_now_add=True)


class Account(models.Model):
    """Node-local: a login on this node, tied to one member of one network."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    net = models.CharField(max_length=64)
    member_id = models.CharField(max_length=64, unique=True)
    public_key = models.CharField(max_length=64)
    # names.username_key(username): unique, so fullwidth `alice` and `ALICE` are the login `alice`.
    # Null only for a login that folded onto an older one before the key existed (migration).
    username_key = models.CharField(max_length=150, unique=True, null=True)


class ApiToken(models.Model):
    """Node-local: an API token; only its SHA-256 is kept, the token is shown once."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=12)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)


class SecurityEvent(models.Model):
    """Node-local security log: logins, failures, denied access, tokens made and revoked."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    kind = models.CharField(max_length=64)  # source:subject:action, e.g. auth:login:failed
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    username = models.CharField(max_length=150, blank=True, default="")
    ip = models.GenericIPAddressField(null=True, blank=True)
    detail = models.TextField(blank=True, default="")
    # Repeated events (throttled, failed, refused, denied) of one kind and subject within one
    # minute share a row: `count` says how many, `last_at` when the latest one happened.
    count = models.PositiveIntegerField(default=1)
    last_at = models.DateTimeField(null=True, blank=True)


class RateBucket(models.Model):
    """Node-local token bucket; `tokens_milli` is thousandths of a token (integers only)."""

    key = models.CharField(max_length=200, primary_key=True)
    tokens_milli = models.BigIntegerField()
    updated_ms = models.BigIntegerField()


class IdempotencyRecord(models.Model):
    """Node-local: the response to a POST with an Idempotency-Key, replayed on retry."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    key = models.CharField(max_length=200)
    request_hash = models.CharField(max_length=64)
    status_code = models.IntegerField()
    body = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="idempotency_unique")
        ]


class NodeOperator(models.Model):
    """Node-local: a login that may manage this node (peers, sync, bundle import, settings).
    A role of this installation, not of the network: it never enters the log."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="node_operator"
    )
    granted_at = models.DateTimeField(auto_now_add=True)
    granted_by = models.CharField(max_length=150, blank=True, default="")  # cli, init, demo


class PasswordCode(models.Model):
    """Node-local: a single-use code that sets a new password without the old one.

    `recovery` codes are shown once at sign-up (and when regenerated); a `reset` code is given
    by a node operator from the CLI and expires. Only the SHA-256 of a code is kept: codes carry
    80 random bits, so a stolen table cannot be searched for them.
    """

    RECOVERY = "recovery"
    RESET = "reset"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    kind = models.CharField(max_length=8)
    code_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    used_at = models.DateTimeField(null=True, blank=True)
