"""What a member's profile page shows of their standing in peer production (roles, validated
work, recent contributions): the context the accounts app's member page adds. Thin: reads go
through commoning.work.standing."""

from commoning.commons.models import Commons
from commoning.front.pagination import keyset_page
from commoning.work import standing
from commoning.work.verdicts import with_verdicts


def member_standing(request, member_id: str) -> dict:
    """Context for the member page; raises BadCursor for a broken ?after=/?before= link."""
    page = keyset_page(
        request, standing.recent_work(member_id), per_page=standing.RECENT_WORK_SHOWN
    )
    rows = with_verdicts(page)  # the page's own rows, each given its verdict
    return {
        "roles_held": standing.roles_held(member_id),
        "validated_work": standing.validated_work(member_id),
        "recent_work": page,
        "work_commons_names": dict(
            Commons.objects.filter(id__in={row.commons_id for row in rows}).values_list(
                "id", "name"
            )
        ),
    }
