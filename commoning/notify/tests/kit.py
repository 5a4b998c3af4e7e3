"""Shared helpers of notification tests."""

from commoning.notify import access
from commoning.work.tests.helpers import member_id


def notices(user, **options) -> list:
    from commoning.accounts.models import Account

    account = Account.objects.get(user=user)
    return [notice for notice, _read in access.page_of(account.net, account.member_id,
                                                        **options)[0]]


def texts(user) -> list[str]:
    return [notice.text for notice in notices(user)]


__all__ = ["member_id", "notices", "texts"]
