"""Which clearing runs apply, decided from the set of runs and answers alone.

A run is complete when every participant consented and nobody declined. Complete runs of a
unit are applied greedily, smallest id first: a run applies when every obligation it takes
still owes exactly what the run assumed (`before`), and applying it lowers those amounts; the
pass repeats until no complete run applies, and the complete runs left are void (another run
took their obligations first). Two concurrent runs over one obligation: the smaller id
applies, the other is void; a run written after another applied assumed the lower amounts,
so it applies after it. The result is a function of the set of entries, whatever order they
arrived in, and a late answer that completes or spoils a run re-projects its whole unit.
Since a run's set-off never exceeds what it assumed owed, no obligation goes below zero.
"""

from commoning.obligations.models import ClearingRun, Obligation, RunItem, RunParticipant


def settle_unit(net: str, unit: str) -> None:
    runs = list(ClearingRun.objects.filter(net=net, unit=unit).exclude(status=ClearingRun.OPEN))
    complete = sorted(
        (run for run in runs if run.declines == 0 and run.consents == run.participants),
        key=lambda run: run.id,
    )
    items_by_run: dict[str, list] = {}
    for run_id, obligation_id, before, set_off in RunItem.objects.filter(
        run_id__in=[run.id for run in runs]
    ).values_list("run_id", "obligation_id", "before", "set_off"):
        items_by_run.setdefault(run_id, []).append((obligation_id, before, set_off))
    obligation_ids = {item[0] for items in items_by_run.values() for item in items}
    remaining = dict(
        Obligation.objects.filter(id__in=obligation_ids).values_list("id", "amount")
    )
    applied: list[str] = []
    pending = list(complete)
    progress = True
    while progress:
        progress = False
        for run in pending:
            items = items_by_run.get(run.id, [])
            if all(remaining.get(oid) == before for oid, before, _ in items):
                for oid, _, set_off in items:
                    remaining[oid] -= set_off
                applied.append(run.id)
                pending.remove(run)
                progress = True
                break  # start again from the smallest id: an earlier run may apply now
    void = {run.id for run in pending}
    for run in runs:
        status = (
            ClearingRun.APPLIED if run.id in applied
            else ClearingRun.VOID if run.id in void
            else ClearingRun.DECLINED if run.declines
            else ClearingRun.OPEN
        )
        if status != run.status:
            ClearingRun.objects.filter(id=run.id).update(status=status)
    for oid, amount_left in remaining.items():
        Obligation.objects.filter(id=oid).exclude(remaining=amount_left).update(
            remaining=amount_left
        )


def refresh_run(run_id: str) -> None:
    """Recount a run's answers; re-settle its unit when its standing may have changed."""
    answers = list(RunParticipant.objects.filter(run_id=run_id).values_list("answer", flat=True))
    consents, declines = answers.count("consent"), answers.count("decline")
    run = ClearingRun.objects.get(id=run_id)
    ClearingRun.objects.filter(id=run_id).update(consents=consents, declines=declines)
    was_complete = run.declines == 0 and run.consents == run.participants
    is_complete = declines == 0 and consents == run.participants
    if declines and run.status == ClearingRun.OPEN:
        ClearingRun.objects.filter(id=run_id).update(status=ClearingRun.DECLINED)
    if was_complete or is_complete:
        if is_complete and run.status == ClearingRun.OPEN:
            # Mark it as a candidate so settle_unit looks at it.
            ClearingRun.objects.filter(id=run_id).update(status=ClearingRun.VOID)
        settle_unit(run.net, run.unit)

