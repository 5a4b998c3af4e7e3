"""API of notifications: the member's list (keyset pages, like every list) and read marks."""

from django.core import signing
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from commoning.accounts.access import account_for
from commoning.apikit import TokenAuth
from commoning.front.pagination import CURSOR_MAX
from commoning.notify import access, actions
from commoning.notify.views import _cursor, _place

router = Router(tags=["notifications"], auth=TokenAuth())
PAGE_MAX = 100
KEYS_MAX = 100


class NoticeOut(Schema):
    key: str = Field(description="Stable key of the notice, for marking it read.")
    ts: int = Field(description="When it happened (or became due), ms since the epoch.")
    text: str
    link: str = Field(description="The page it is about (a path on this node).")
    read: bool


class NoticePage(Schema):
    items: list[NoticeOut]
    next: str | None = Field(None, description="The cursor of the next page; null at the end.")


class ReadIn(Schema):
    keys: list[str] = Field(default_factory=list, max_length=KEYS_MAX,
                            description="Keys of notices to mark read.")
    all: bool = Field(False, description="Mark every notice up to now read.")


@router.get("", response=NoticePage)
def list_notifications(request, limit: int = 20, cursor: str = ""):
    """Your notifications, newest first: ?limit= (at most 100) and ?cursor= (`next`)."""
    account = account_for(request.auth)
    if len(cursor) > CURSOR_MAX or limit < 1:
        raise HttpError(400, _("Give a limit of at least 1 and a cursor this list gave."))
    try:
        before = _place(cursor)
    except signing.BadSignature:
        raise HttpError(400, _("This cursor was not given by this list; start again without "
                               "?cursor=.")) from None
    page, older = access.page_of(account.net, account.member_id, before=before,
                                 limit=min(limit, PAGE_MAX))
    items = [{"key": n.key, "ts": n.ts, "text": n.text, "link": n.link, "read": read}
             for n, read in page]
    return {"items": items, "next": _cursor(older) or None}


@router.post("/read", response={204: None})
def mark_read(request, payload: ReadIn):
    """Mark notices read: the keys given, or all of them with `all: true`."""
    account = account_for(request.auth)
    if payload.all:
        actions.mark_all_read(account.net, account.member_id)
    for key in payload.keys:
        actions.mark_read(account.member_id, key)
    return Status(204, None)
