"""Entry types of payments out: a steward proposes a payment under a granted decision, and it
takes effect once k distinct stewards approved it, each by an entry on their own feed.

The order rule (docs/subsystems/treasury.md, "Payments under a grant"): the payments under one
grant that have their k approvals take effect in the order (payment ts, payment id) while the
grant has room; one that no longer fits is `over_grant` and moves no money. The order depends
only on the set of entries, so every node agrees. A payment is dated no earlier than the
decision it names (the log refuses a ts before a dep's), and to keep a backdated payment from
displacing one that already took effect, an approval lists in deps the completing approval of
the latest payment its node saw take effect under the grant; the rule refuses an approval whose
payment is dated before that one. So a backdated payment can gather no approval from a steward
who saw a later payment take effect: only k stewards who all ignore what their nodes know could
make one displace another.
"""

from commoning.core import fields
from commoning.log import sql
from commoning.log.registry import Rejected, member_of, register, register_projection
from commoning.treasury import governance
from commoning.treasury.events import ledger
from commoning.treasury.events.books import MEMO_MAX
from commoning.treasury.models import Account, Approval, Movement


def _account(account_id: str, net: str):
    return sql.fetch_one(
        f"SELECT treasury_id, kind, currency FROM {sql.table(Account)} WHERE id = %s AND net = %s",
        [account_id, net])


def check_payment(entry):
    fields.only_fields(entry.data, {"decision", "from", "amount", "memo"},
                       {"decision", "from", "amount"})
    decision_id = fields.entry_id(entry.data, "decision")
    source_id = fields.entry_id(entry.data, "from")
    amount = fields.integer(entry.data, "amount", minimum=1,
                            maximum=governance.CURRENCY_MAX_MINOR)
    if "memo" in entry.data:
        fields.text(entry.data, "memo", max_length=MEMO_MAX)
    if decision_id not in entry.deps:
        raise Rejected("a payment lists the decision it executes in deps")
    grant = governance.grant_of(entry.net, decision_id)
    for account_id in (source_id, grant.account_id):
        if account_id not in entry.deps:
            raise Rejected("a payment lists the accounts it moves money between in deps")
    source, expenses = _account(source_id, entry.net), _account(grant.account_id, entry.net)
    if source is None or expenses is None:
        raise Rejected("no such account in this network")
    if source != (grant.treasury_id, "assets", grant.currency):
        raise Rejected("a payment is paid from an assets account of the granted treasury and"
                       " currency")
    if expenses != (grant.treasury_id, "expenses", grant.currency):
        raise Rejected("the granted account is no expenses account of that treasury and currency")
    if amount > grant.amount_minor:
        raise Rejected("a payment may not exceed the amount the decision granted")
    governance.steward_view(entry, member_of(entry))


def apply_payment(entry):
    grant = governance.grant_of(entry.net, entry.data["decision"])
    view = governance.view_of(entry)
    amount = entry.data["amount"]
    sql.execute(
        f"INSERT INTO {sql.table(Movement)} (id, net, treasury_id, kind, status, currency,"
        " amount_minor, memo, author_id, ts, month, decision_id, payee, approvals_needed,"
        " approvers) VALUES (%s, %s, %s, 'payment', 'pending', %s, %s, %s, %s, %s, %s, %s, %s,"
        " %s, '[]')",
        [entry.id, entry.net, grant.treasury_id, grant.currency, amount,
         entry.data.get("memo", ""), member_of(entry), entry.ts, ledger.month_of(entry.ts),
         grant.decision_id, grant.payee, view.statutes.payment_approvals])
    ledger.record_postings(entry.id, [(grant.account_id, amount), (entry.data["from"], -amount)])
    settle_grant(grant)


def check_approve(entry):
    fields.only_fields(entry.data, {"payment"}, {"payment"})
    payment_id = fields.entry_id(entry.data, "payment")
    if payment_id not in entry.deps:
        raise Rejected("an approval lists the payment it approves in deps")
    payment = Movement.objects.filter(id=payment_id, net=entry.net, kind="payment").first()
    if payment is None:
        raise Rejected("no such payment in this network")
    governance.steward_view(entry, member_of(entry))
    # One approval per payment on a feed; a steward's second device adds no second approval
    # either (approvers are counted by member), but that one cannot be refused from the
    # causal past, so it is kept without effect.
    if Approval.objects.filter(payment_id=payment_id, author=entry.author).exists():
        raise Rejected("this steward already approved this payment")
    later = Approval.objects.filter(id__in=[dep for dep in entry.deps if dep != payment_id])
    for seen in Movement.objects.filter(
            id__in=later.values("payment_id"), decision_id=payment.decision_id):
        if (seen.ts, seen.id) > (payment.ts, payment.id):
            raise Rejected("this payment is dated before a payment under the same grant that"
                           " already took effect; propose it again")


def apply_approve(entry):
    payment_id = entry.data["payment"]
    Approval.objects.create(id=entry.id, net=entry.net, payment_id=payment_id,
                            member_id=member_of(entry), author=entry.author, ts=entry.ts)
    approvers = sorted(set(Approval.objects.filter(payment_id=payment_id)
                           .values_list("member_id", flat=True)))
    Movement.objects.filter(id=payment_id).update(approvers=approvers)
    payment = Movement.objects.get(id=payment_id)
    settle_grant(governance.grant_of(entry.net, payment.decision_id))


def completing_approval(payment_id: str, needed: int) -> str | None:
    """The approval that gave a payment its k-th distinct steward, in (ts, id) order."""
    seen = set()
    for approval_id, member_id in (Approval.objects.filter(payment_id=payment_id)
                                   .order_by("ts", "id").values_list("id", "member_id")):
        seen.add(member_id)
        if len(seen) >= needed:
            return approval_id
    return None


def settle_grant(grant) -> None:
    """Give effect to the grant's approved payments in (ts, id) order while room remains, and
    take it from any that no longer fit: the result depends only on which entries are here."""
    room = grant.amount_minor
    payments = Movement.objects.filter(decision_id=grant.decision_id, kind="payment").order_by(
        "ts", "id")
    for payment in payments:
        approved = len(payment.approvers) >= payment.approvals_needed
        if approved and payment.amount_minor <= room:
            room -= payment.amount_minor
            status = "effective"
        else:
            status = "over_grant" if approved else "pending"
        if status == payment.status:
            continue
        if "effective" in (status, payment.status):
            ledger.take_effect(
                payment.id, ledger.postings_of(payment.id),
                sign=1 if status == "effective" else -1, treasury_id=payment.treasury_id,
                currency=payment.currency, month=payment.month, income_minor=0,
                spending_minor=payment.amount_minor)
        Movement.objects.filter(id=payment.id).update(status=status)


register("treasury.payment", check=check_payment, apply=apply_payment)
register("treasury.approve", check=check_approve, apply=apply_approve)
register_projection(Approval)
