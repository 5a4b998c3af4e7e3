"""The only reads of obligations and clearing runs that views, API, CLI and actions use.
Reads that decide what someone sees take that someone, and answer alike for absent and
not theirs."""

from django.db.models import Q

from commoning.core.fields import HEX_ID
from commoning.obligations.models import (
    ClearingChoice,
    ClearingRun,
    Exclusion,
    Obligation,
    RunItem,
    RunParticipant,
)


def get_obligation(net: str, obligation_id) -> Obligation | None:
    if not isinstance(obligation_id, str) or not HEX_ID.match(obligation_id):
        return None
    return Obligation.objects.filter(net=net, id=obligation_id).first()


def obligation_for(net: str, member_id: str | None, obligation_id) -> Obligation | None:
    """An obligation the member is a party to, else None (also when it does not exist)."""
    obligation = get_obligation(net, obligation_id)
    if obligation is None or member_id not in (obligation.debtor_id, obligation.creditor_id):
        return None
    return obligation


def owed_to(net: str, member_id: str):
    """Debts others owe the member, newest first."""
    return Obligation.objects.filter(net=net, creditor_id=member_id).order_by(
        "-recorded_ts", "id")


def owed_by(net: str, member_id: str):
    """Debts the member owes, newest first (those to confirm among them)."""
    return Obligation.objects.filter(net=net, debtor_id=member_id).order_by("-recorded_ts", "id")


def to_confirm(net: str, member_id: str):
    return owed_by(net, member_id).filter(confirmed=False, disputed=False, withdrawn=False)


def opted_out(net: str, member_id: str) -> bool:
    """The member's latest choice (by the order they wrote: ts, then id)."""
    latest = ClearingChoice.objects.filter(net=net, member_id=member_id).order_by(
        "-ts", "-id").values_list("opted_out", flat=True).first()
    return bool(latest)


def clearable(net: str, unit: str, among=None) -> dict[str, Obligation]:
    """Open obligations of a unit that a new run may take: not excluded by a party, not of a
    member who opted out, not already in an open run; between `among` members if given."""
    queryset = Obligation.objects.filter(net=net, unit=unit, confirmed=True, disputed=False,
                                         withdrawn=False, remaining__gt=0)
    if among is not None:
        among = list(among)
        queryset = queryset.filter(debtor_id__in=among, creditor_id__in=among)
    candidates = {o.id: o for o in queryset.order_by("id")}
    excluded = set(Exclusion.objects.filter(obligation_id__in=candidates).values_list(
        "obligation_id", flat=True))
    open_runs = ClearingRun.objects.filter(net=net, unit=unit, status=ClearingRun.OPEN)
    in_open_runs = set(RunItem.objects.filter(
        run_id__in=open_runs.values("id"), obligation_id__in=candidates
    ).values_list("obligation_id", flat=True))
    members = {m for o in candidates.values() for m in (o.debtor_id, o.creditor_id)}
    out = {m for m in members if opted_out(net, m)}
    return {
        oid: o for oid, o in candidates.items()
        if oid not in excluded and oid not in in_open_runs
        and o.debtor_id not in out and o.creditor_id not in out
    }


def units_of(net: str) -> list[str]:
    return sorted(set(Obligation.objects.filter(net=net).values_list("unit", flat=True)))


def runs_in(net: str):
    return ClearingRun.objects.filter(net=net).order_by("-ts", "id")


def get_run(net: str, run_id) -> ClearingRun | None:
    if not isinstance(run_id, str) or not HEX_ID.match(run_id):
        return None
    return ClearingRun.objects.filter(net=net, id=run_id).first()


def participant(run: ClearingRun, member_id: str | None) -> RunParticipant | None:
    if member_id is None:
        return None
    return RunParticipant.objects.filter(run_id=run.id, member_id=member_id).first()


def participants_of(run: ClearingRun):
    return RunParticipant.objects.filter(run_id=run.id).order_by("member_id")


def items_of(run: ClearingRun):
    return RunItem.objects.filter(run_id=run.id).order_by("obligation_id")


def items_for(run: ClearingRun, member_id: str) -> list:
    """What the run clears of one member's obligations: [(obligation, before, set-off,
    after)]."""
    items = {i.obligation_id: i for i in items_of(run)}
    mine = Obligation.objects.filter(id__in=items).filter(
        Q(debtor_id=member_id) | Q(creditor_id=member_id)).order_by("id")
    return [(o, items[o.id].before, items[o.id].set_off, items[o.id].before - items[o.id].set_off)
            for o in mine]


def runs_awaiting(net: str, member_id: str):
    """Open runs that wait for this member's answer."""
    waiting = RunParticipant.objects.filter(member_id=member_id, answer="").values("run_id")
    return ClearingRun.objects.filter(net=net, id__in=waiting, status=ClearingRun.OPEN)


def open_obligations(net: str, unit: str):
    """Confirmed obligations still owed in a unit, for export and `credit clear`."""
    return Obligation.objects.filter(net=net, unit=unit, confirmed=True, disputed=False,
                                     withdrawn=False, remaining__gt=0).order_by("id")
