"""The node's security log: one function writes it, so every event has the same shape."""

from commoning.accounts.models import SecurityEvent


def client_ip(request) -> str | None:
    return request.META.get("REMOTE_ADDR") if request is not None else None


def record(kind: str, *, request=None, user=None, username: str = "", detail: str = "") -> None:
    """Append a security event; `kind` reads source:subject:action, e.g. auth:login:failed."""
    if user is None and request is not None and getattr(request, "user", None) is not None:
        user = request.user if request.user.is_authenticated else None
    SecurityEvent.objects.create(
        kind=kind,
        user=user,
        username=(username or (user.get_username() if user else ""))[:150],
        ip=client_ip(request),
        detail=detail[:2000],
    )
