"""Template context every page gets: how many notices the logged-in member has not read (the
count in the menu). It costs the sources' few short queries, only for logged-in members."""

from commoning.notify import access


def unread_notices(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or request.path.startswith("/api/"):
        return {}
    from commoning.accounts.models import Account

    account = Account.objects.filter(user=user).values_list("net", "member_id").first()
    if account is None:
        return {}
    return {"unread_notice_count": len(access.unread(*account))}
