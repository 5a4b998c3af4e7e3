"""A clearing run's proposal: the optimal set-off over a unit's clearable obligations, the
certificate that proves it and the deps that put what the rule relies on in its past.

Only obligations with something set off are taken, so only members whose books change must
consent; the potentials of the whole solution still prove the set-off optimal over what is
taken (a subset's circulations are circulations of the whole). A run relies on the records
and confirmations of its obligations, and lists the latest entry of this app by each key that
wrote them (commoning.obligations.events.clearing says why):
at most 16 keys (the deps limit) and 400 obligations (the payload limit). A network past that
clears in several runs, each among a group of members (`among`)."""

from django.utils.translation import gettext as _

from commoning.core.clearing.certificate import check_certificate, net_positions
from commoning.core.clearing.obligations import Obligation as CoreObligation
from commoning.core.clearing.solve import clear
from commoning.core.entry import MAX_DEPS
from commoning.log.registry import Rejected
from commoning.obligations import access, rules
from commoning.obligations.models import ClearingChoice, Exclusion, Obligation


def propose(net: str, unit: str, author_key: str, among=None) -> tuple[dict, list[str]]:
    """The data and deps of a `clearing.run` entry by `author_key`; Rejected (400) when
    nothing can be cleared or the run would not fit one entry."""
    candidates = access.clearable(net, unit, among=among)
    result = clear([CoreObligation(o.id, o.debtor_id, o.creditor_id, o.remaining)
                    for o in candidates.values()])
    taken = [candidates[oid] for oid, set_off in result.set_off.items() if set_off > 0]
    if not taken:
        raise Rejected(_("Nothing can be cleared in %(unit)s now: no cycle of confirmed debts.")
                       % {"unit": unit})
    if len(taken) > rules.MAX_RUN_OBLIGATIONS:
        raise Rejected(_("This run would take more than %(n)d obligations; clear among fewer "
                         "members.") % {"n": rules.MAX_RUN_OBLIGATIONS})
    keys = {k for o in taken for k in (o.record_key, o.confirm_key)} - {author_key}
    if len(keys) > MAX_DEPS:
        raise Rejected(_("This run relies on more than %(n)d members' devices; clear among "
                         "fewer members at a time.") % {"n": MAX_DEPS})
    core = [CoreObligation(o.id, o.debtor_id, o.creditor_id, o.remaining) for o in taken]
    members = sorted({m for o in core for m in (o.debtor, o.creditor)})
    potentials = result.certificate.potentials
    data = {
        "unit": unit,
        "items": sorted([o.id, o.remaining, result.set_off[o.id]] for o in taken),
        "potentials": {m: potentials[m] for m in members},
        "positions": dict(sorted(net_positions(core).items())),
        "total": sum(o.remaining for o in taken),
        "cleared": sum(result.set_off[o.id] for o in taken),
    }
    problems = check_certificate(rules.run_certificate(data, {o.id: (o.debtor, o.creditor)
                                                              for o in core}))
    if problems:  # a solver bug, never the member's doing
        raise RuntimeError("clearing produced a certificate that does not check: " + problems[0])
    return data, sorted(latest_entry_of(k) for k in keys)


def latest_entry_of(key: str) -> str:
    """The id of the latest entry of this app written by `key` (a record, confirmation,
    exclusion or choice): as a dep it puts that key's feed up to it in a run's past."""
    found = [
        *Obligation.objects.filter(record_key=key).values_list("record_seq", "id"),
        *Obligation.objects.filter(confirm_key=key).values_list("confirm_seq", "confirm_id"),
        *Exclusion.objects.filter(author_key=key).values_list("seq", "id"),
        *ClearingChoice.objects.filter(author_key=key).values_list("seq", "id"),
    ]
    return max(found)[1]
