"""The node's security log: one function writes it, so every event has the same shape.

Repeated events (a throttled write, a refused login, a refused push) are what an attacker can
produce by the thousand, so they are aggregated: one row per kind, subject (login, name,
address) and minute, with a count. Past a cap of distinct subjects per kind and minute, the rest
fold into one overflow row. Rows older than COMMONING_SECURITY_LOG_DAYS are pruned when a new
row is written, and by `commoning security prune`.
"""

from datetime import timedelta

from django.conf import settings
from django.db.models import F
from django.utils import timezone

from commoning.accounts.models import SecurityEvent

# The last word of a kind (source:subject:action) for events that repeat under attack.
REPEATED_ACTIONS = frozenset({"throttled", "failed", "refused", "rejected", "denied"})
# Distinct subjects of one repeated kind kept per minute; more fold into one overflow row.
SUBJECTS_PER_MINUTE = 100
OVERFLOW_DETAIL = "more subjects in this minute than the security log keeps apart"


def client_ip(request) -> str | None:
    return request.META.get("REMOTE_ADDR") if request is not None else None


def is_repeated(kind: str) -> bool:
    return kind.rsplit(":", 1)[-1] in REPEATED_ACTIONS


def record(kind: str, *, request=None, user=None, username: str = "", detail: str = "") -> None:
    """Append a security event; `kind` reads source:subject:action, e.g. auth:login:failed."""
    if user is None and request is not None and getattr(request, "user", None) is not None:
        user = request.user if request.user.is_authenticated else None
    username = (username or (user.get_username() if user else ""))[:150]
    ip = client_ip(request)
    now = timezone.now()
    if is_repeated(kind) and _counted_in_this_minute(kind, user, username, ip, now):
        return
    SecurityEvent.objects.create(
        kind=kind, user=user, username=username, ip=ip, detail=detail[:2000], last_at=now
    )
    prune(now)


def _counted_in_this_minute(kind, user, username, ip, now) -> bool:
    """Add one to this minute's row of the same kind and subject (or to the kind's overflow
    row once the minute holds too many subjects). False if a new row is due."""
    this_minute = SecurityEvent.objects.filter(
        kind=kind, at__gte=now.replace(second=0, microsecond=0)
    )
    bump = {"count": F("count") + 1, "last_at": now}
    if this_minute.filter(user=user, username=username, ip=ip).update(**bump):
        return True
    # The `at` index bounds this to the rows of the current minute, at most the cap plus one.
    if not this_minute.order_by("id")[SUBJECTS_PER_MINUTE - 1 :].exists():
        return False
    overflow = this_minute.filter(user=None, username="", ip=None, detail=OVERFLOW_DETAIL)
    if not overflow.update(**bump):
        SecurityEvent.objects.create(kind=kind, detail=OVERFLOW_DETAIL, last_at=now)
    return True


def prune(now=None) -> int:
    """Delete rows older than the retention setting; returns how many went. An indexed range
    delete, cheap when nothing is due, so it runs on every new row."""
    days = settings.COMMONING_SECURITY_LOG_DAYS
    if days <= 0:
        return 0
    cutoff = (now or timezone.now()) - timedelta(days=days)
    deleted, _by_model = SecurityEvent.objects.filter(at__lt=cutoff).delete()
    return deleted
