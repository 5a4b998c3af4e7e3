"""Entry types of clearing: a run proposes a set-off with its certificate, each participant
consents or declines on their own feed, and members opt out of clearing or back in.

What a run's rule relies on must be in its causal past, and a run names up to 400 obligations
while an entry lists at most 16 deps. So a run lists in deps, for each key whose entries it
relies on (the creditors' records, the debtors' confirmations), the latest entry of this app on
that key: an entry on a key's feed puts every earlier entry of that feed in the causal past.
The rule then reads a fact by key K at seq s as known exactly when a dep is on K at seq >= s
(or K is the run's own key).
"""

from commoning.core import fields
from commoning.core.clearing.certificate import check_certificate
from commoning.log.registry import Forbidden, Rejected, member_of, register, register_projection
from commoning.obligations import rules
from commoning.obligations.events.obligations import _unit
from commoning.obligations.models import (
    ClearingChoice,
    ClearingRun,
    Exclusion,
    Obligation,
    RunItem,
    RunParticipant,
)
from commoning.obligations.settle import refresh_run

RUN_FIELDS = {"unit", "items", "potentials", "positions", "total", "cleared"}


def known_heads(entry) -> dict[str, int]:
    """{key: highest seq} of the feeds the entry's deps (and its own feed) put in its past.

    The deps a run relies on are entries of this app (records, confirmations, exclusions,
    choices), so their key and seq come from its own tables: the log writes the rows of a
    batch at its end, while these tables are written as each entry applies."""
    deps = list(entry.deps)
    heads = {entry.author: entry.seq - 1}
    found = [
        *Obligation.objects.filter(id__in=deps).values_list("record_key", "record_seq"),
        *Obligation.objects.filter(confirm_id__in=deps).values_list("confirm_key",
                                                                     "confirm_seq"),
        *Exclusion.objects.filter(id__in=deps).values_list("author_key", "seq"),
        *ClearingChoice.objects.filter(id__in=deps).values_list("author_key", "seq"),
    ]
    for author, seq in found:
        heads[author] = max(seq, heads.get(author, 0))
    return heads


def _items(data: dict) -> list:
    items = data.get("items")
    if not isinstance(items, list) or not 1 <= len(items) <= rules.MAX_RUN_OBLIGATIONS:
        raise fields.FieldError("items", f"must list 1 to {rules.MAX_RUN_OBLIGATIONS} obligations")
    for item in items:
        if not (isinstance(item, list) and len(item) == 3 and isinstance(item[0], str)
                and fields.HEX_ID.match(item[0])
                and all(type(number) is int for number in item[1:])):
            raise fields.FieldError("items", "each item is [obligation id, before, set-off]")
        if not 1 <= item[2] <= item[1] <= rules.MAX_AMOUNT:
            raise fields.FieldError("items", "a set-off must be between 1 and what was owed")
    if len({item[0] for item in items}) != len(items):
        raise fields.FieldError("items", "an obligation appears twice")
    return items


def _members_map(data: dict, field: str) -> dict:
    value = data.get(field)
    if not (isinstance(value, dict) and len(value) <= rules.MAX_RUN_MEMBERS
            and all(isinstance(k, str) and fields.HEX_ID.match(k) and type(v) is int
                    and abs(v) <= rules.MAX_AMOUNT * rules.MAX_RUN_OBLIGATIONS
                    for k, v in value.items())):
        raise fields.FieldError(field, "must map member ids to integers")
    return value


def check_run(entry):
    data = entry.data
    fields.only_fields(data, RUN_FIELDS, RUN_FIELDS)
    unit = _unit(data)
    items = _items(data)
    _members_map(data, "potentials")
    _members_map(data, "positions")
    for field in ("total", "cleared"):
        fields.integer(data, field, minimum=0, maximum=rules.MAX_AMOUNT * rules.MAX_RUN_OBLIGATIONS)
    heads = known_heads(entry)

    def known(key: str, seq: int) -> bool:
        return heads.get(key, 0) >= seq

    ids = [item[0] for item in items]
    obligations = {o.id: o for o in Obligation.objects.filter(net=entry.net, id__in=ids)}
    parties = {}
    for oid, before, _set_off in items:
        obligation = obligations.get(oid)
        if obligation is None or not known(obligation.record_key, obligation.record_seq):
            raise Rejected("a run names an obligation outside its causal past")
        if obligation.unit != unit:
            raise Rejected("a run clears obligations of one unit")
        if not obligation.confirmed or not known(obligation.confirm_key, obligation.confirm_seq):
            raise Rejected("a run takes only obligations whose debtor confirmed them")
        if obligation.withdrawn and known(obligation.withdraw_key, obligation.withdraw_seq):
            raise Rejected("a run takes no withdrawn obligation")
        if before > obligation.amount:
            raise Rejected("a run assumes more owed than was recorded")
        parties[oid] = (obligation.debtor_id, obligation.creditor_id)
    for exclusion in Exclusion.objects.filter(obligation_id__in=ids):
        if known(exclusion.author_key, exclusion.seq):
            raise Rejected("a party kept one of these obligations out of clearing")
    members = {member for pair in parties.values() for member in pair}
    if opted_out_members(members, known):
        raise Rejected("a run leaves out the members who opted out of clearing")
    problems = check_certificate(rules.run_certificate(data, parties))
    if problems:
        raise Rejected("the run's certificate does not check: " + "; ".join(problems[:3]))


def opted_out_members(members, known) -> set[str]:
    """The members whose latest known choice, on each of their keys, is to stay out."""
    latest: dict[tuple[str, str], tuple[int, bool]] = {}
    for choice in ClearingChoice.objects.filter(member_id__in=members):
        if known(choice.author_key, choice.seq):
            place = (choice.member_id, choice.author_key)
            if place not in latest or latest[place][0] < choice.seq:
                latest[place] = (choice.seq, choice.opted_out)
    return {member for (member, _key), (_seq, out) in latest.items() if out}


def apply_run(entry):
    data = entry.data
    items = data["items"]
    parties = dict(
        (oid, (debtor, creditor)) for oid, debtor, creditor in Obligation.objects.filter(
            id__in=[item[0] for item in items]
        ).values_list("id", "debtor_id", "creditor_id")
    )
    debt_cleared: dict[str, int] = {}
    credit_cleared: dict[str, int] = {}
    for oid, _before, set_off in items:
        debtor, creditor = parties[oid]
        debt_cleared[debtor] = debt_cleared.get(debtor, 0) + set_off
        credit_cleared[creditor] = credit_cleared.get(creditor, 0) + set_off
    members = sorted(debt_cleared.keys() | credit_cleared.keys())
    ClearingRun.objects.create(
        id=entry.id, net=entry.net, unit=data["unit"], author_id=member_of(entry), ts=entry.ts,
        total=data["total"], cleared=data["cleared"], participants=len(members),
    )
    RunItem.objects.bulk_create(
        RunItem(run_id=entry.id, obligation_id=oid, before=before, set_off=set_off)
        for oid, before, set_off in items
    )
    RunParticipant.objects.bulk_create(
        RunParticipant(run_id=entry.id, member_id=member,
                       debt_cleared=debt_cleared.get(member, 0),
                       credit_cleared=credit_cleared.get(member, 0))
        for member in members
    )


def _answer_check(entry, answer: str):
    fields.only_fields(entry.data, {"run"}, {"run"})
    run_id = fields.entry_id(entry.data, "run")
    if run_id not in entry.deps:
        raise Rejected("an answer must list the run it answers in deps")
    member = member_of(entry)
    participant = RunParticipant.objects.filter(run_id=run_id, member_id=member).first()
    if participant is None:
        raise Forbidden("only a member whose books the run changes answers it")
    # The answer already given on this key's own feed is in the causal past: one answer each.
    if participant.answer_id and participant.answer_key == entry.author:
        raise Rejected("you already answered this run")
    if answer == "consent":
        # What this member said on this feed before binds them: no consent over it.
        def known(key, seq):
            return key == entry.author and seq < entry.seq

        ids = list(RunItem.objects.filter(run_id=run_id).values_list("obligation_id", flat=True))
        if any(known(e.author_key, e.seq) for e in Exclusion.objects.filter(
                obligation_id__in=ids, member_id=member)):
            raise Rejected("you kept one of these obligations out of clearing")
        if opted_out_members({member}, known):
            raise Rejected("you opted out of clearing")


def _apply_answer(entry, answer: str):
    run_id = entry.data["run"]
    member = member_of(entry)
    participant = RunParticipant.objects.get(run_id=run_id, member_id=member)
    # Two of a member's devices may answer at once: a decline outweighs a consent, and between
    # equal answers the smaller entry id stands, whatever arrived first.
    weight = {"": 0, "consent": 1, "decline": 2}
    if participant.answer and (weight[answer], participant.answer_id) <= (
        weight[participant.answer], entry.id
    ):
        return
    RunParticipant.objects.filter(pk=participant.pk).update(
        answer=answer, answer_id=entry.id, answer_key=entry.author, answer_ts=entry.ts
    )
    refresh_run(run_id)


def check_consent(entry):
    _answer_check(entry, "consent")


def apply_consent(entry):
    _apply_answer(entry, "consent")


def check_decline(entry):
    _answer_check(entry, "decline")


def apply_decline(entry):
    _apply_answer(entry, "decline")


def check_choice(entry):
    fields.only_fields(entry.data, set(), set())


def _apply_choice(entry, opted_out: bool):
    ClearingChoice.objects.create(
        id=entry.id, net=entry.net, member_id=member_of(entry), author_key=entry.author,
        seq=entry.seq, opted_out=opted_out, ts=entry.ts,
    )


register("clearing.run", check=check_run, apply=apply_run)
register("clearing.consent", check=check_consent, apply=apply_consent)
register("clearing.decline", check=check_decline, apply=apply_decline)
register("clearing.opt_out", check=check_choice,
         apply=lambda entry: _apply_choice(entry, True))
register("clearing.opt_in", check=check_choice,
         apply=lambda entry: _apply_choice(entry, False))
for model in (ClearingRun, RunItem, RunParticipant, ClearingChoice):
    register_projection(model)
