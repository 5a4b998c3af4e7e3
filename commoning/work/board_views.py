"""Pages that show a commons' work at a glance: the member's work home, a commons' board with
its contributions and credits, and a member's reputation. Thin: access reads."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from commoning.accounts.models import Member
from commoning.commons.access import get_commons
from commoning.work import access, kinds
from commoning.work.models import Contribution
from commoning.work.page_kit import commons_or_404, member_id_of, names_of, net_or_404

ARTIFACTS_SHOWN = 50
CREDITS_SHOWN = 50  # members listed by credit; the page says how many more there are


# -- home and board ------------------------------------------------------------------------------
@login_required
def work_home(request):
    member_id = member_id_of(request.user)
    matches = access.matches_for(member_id) if member_id else []
    mine = access.with_verdicts(
        Contribution.objects.filter(member_id=member_id).order_by("-ts")[:20]
    )
    names = {
        c.id: c.name
        for c in _commons_list(
            {m[0].task.commons_id for m in matches} | {c.commons_id for c in mine}
        )
    }
    return render(
        request,
        "work/home.html",
        {
            "matches": matches,
            "mine": mine,
            "commons_names": names,
            "member_id": member_id,
        },
    )


def _commons_list(ids):
    from commoning.commons.models import Commons

    return Commons.objects.filter(id__in=list(ids))


def commons_work(request, commons_id: str):
    commons = commons_or_404(commons_id)
    member_id = member_id_of(request.user)
    board = access.board(commons.id)
    contributions = access.with_verdicts(access.contributions_in(commons.id)[:50])
    link = access.fork_of(commons.id)
    forks = list(access.forks_from(commons.id))
    fork_commons = {fork.id: fork for fork in _commons_list(f.fork_id for f in forks)}
    # The page shows the first artifacts by title; the rest are a link away.
    artifacts = list(access.artifacts_in(commons.id)[: ARTIFACTS_SHOWN + 1])
    maintainers = access.maintainers(commons.id)
    credits, credited_members = access.top_credits_in(commons.id, CREDITS_SHOWN)
    ids = {c.member_id for c in contributions} | {
        holder for col in board.values() for v in col for holder in v.holder_ids
    }
    ids |= {m.member_id for m in maintainers} | {commons.founder_id}
    ids |= {c.hidden_by for c in contributions if c.hidden_by}  # "hidden by NAME"
    return render(
        request,
        "work/commons.html",
        {
            "commons": commons,
            "board": board,
            "contributions": contributions,
            "rules": access.rules_for(commons.id),
            "credits": credits,
            "more_credited": credited_members - len(credits),
            "artifacts": artifacts[:ARTIFACTS_SHOWN],
            "more_artifacts": len(artifacts) > ARTIFACTS_SHOWN,
            "origin": link,
            "origin_commons": get_commons(commons.net, link.origin_id) if link else None,
            "forks": [(f, fork_commons.get(f.fork_id)) for f in forks],
            "maintainers": maintainers,
            "names": names_of(ids),
            "member_id": member_id,
            "is_founder": member_id == commons.founder_id,
        },
    )


# -- reputation ----------------------------------------------------------------------------------
def member_reputation(request, member_id: str):
    member = Member.objects.filter(net=net_or_404(), id=member_id[:64]).first()
    if member is None:
        raise Http404("no such member")
    reputation = access.reputation(member.id)
    peak = max([minutes for _m, minutes in reputation["months"]] or [1])
    months = [
        (month, minutes, max(1, minutes * 100 // peak)) for month, minutes in reputation["months"]
    ]
    return render(
        request,
        "work/reputation.html",
        {
            "member": member,
            "reputation": reputation,
            "months": months,
            # Labels of the commons' own kinds ("Field trial"), one rules read per commons.
            "kind_labels": kinds.labels_for(
                access.rules_for(row["commons_id"]) for row in reputation["commons"]
            ),
        },
    )
