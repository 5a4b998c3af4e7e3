"""API of search: GET /api/search, the same results as the search page, as JSON."""

from typing import Literal

from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from commoning.accounts.actions import default_network
from commoning.search.query import PAGE_MAX, QUERY_MAX_CHARS, BadCursor, QueryRefused, search

router = Router(tags=["search"])


class ResultOut(Schema):
    kind: str = Field(description="commons, task, contribution, artifact or member.")
    id: str = Field(description="The object's id (the id of the entry that made it).")
    title: str = Field(description="HTML: escaped text, the searched words inside <mark>.")
    snippet: str = Field(description="HTML: a passage of the text, escaped, words in <mark>.")
    link: str = Field(description="The object's page on this node.")
    ts: int = Field(description="When it was made, in milliseconds since the epoch.")
    commons_id: str = Field(description="The commons it belongs to; empty for members.")
    member_id: str = Field(description="Who made it (for a member: the member).")


class SearchOut(Schema):
    items: list[ResultOut]
    next: str | None = Field(None, description="The cursor of the next page; null at the end.")


@router.get("", response=SearchOut)
def search_endpoint(
    request,
    q: str = Query(..., max_length=QUERY_MAX_CHARS * 4,
                   description=f"Words to find, all of them (at most {QUERY_MAX_CHARS} "
                               "characters and 12 words)."),
    kind: Literal["", "commons", "task", "contribution", "artifact", "member"] = Query(
        "", description="Only this kind of object."),
    commons: str = Query("", max_length=64, description="Only in this commons (its id)."),
    member: str = Query("", max_length=64, description="Only what this member made (their id)."),
    limit: int = Query(20, ge=1, le=PAGE_MAX, description="Results per page, at most 100."),
    cursor: str = Query("", max_length=300, description="The `next` of the previous page."),
):
    """Search commons, tasks, contributions, artifacts and members of the network by words:
    every word must appear (whole words, any case); titles weigh more than text."""
    try:
        results = search(default_network(), q, kind=kind, commons=commons, member=member,
                         limit=limit, cursor=cursor)
    except QueryRefused as refusal:
        raise HttpError(400, str(refusal)) from None
    except BadCursor:
        raise HttpError(400, _("This cursor was not given by this search; search again "
                               "without ?cursor=.")) from None
    return {"items": [vars(item) for item in results.items], "next": results.next}
