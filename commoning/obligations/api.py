"""API of debts and clearing runs: /api/obligations/... and /api/clearing/...

Writes take a token (`Authorization: Bearer`), answer the entry's result, and replay on a
repeated Idempotency-Key (commoning.apikit). Amounts are integers in minor units."""

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from commoning.accounts.access import member_for
from commoning.accounts.actions import default_network
from commoning.apikit import KeysetPagination, TokenAuth
from commoning.obligations import access, actions, rules

obligations_router = Router(tags=["obligations"])
clearing_router = Router(tags=["clearing"])


class ObligationOut(Schema):
    id: str
    unit: str
    debtor_id: str
    creditor_id: str
    amount: int
    remaining: int
    memo: str
    due: str
    recorded_ts: int
    confirmed: bool
    disputed: bool
    withdrawn: bool


class ObligationIn(Schema):
    debtor_id: str = Field(description="The member id of who owes you.")
    amount: int = Field(description="Minor units (cents), a positive integer.", ge=1,
                        le=rules.MAX_AMOUNT)
    unit: str = Field(description="A currency code text, e.g. EUR.", max_length=12)
    memo: str = Field("", max_length=rules.MEMO_MAX)
    due: str = Field("", description="YYYY-MM-DD or empty.", max_length=10)


class ItemOut(Schema):
    obligation_id: str
    before: int
    set_off: int


class ParticipantOut(Schema):
    member_id: str
    debt_cleared: int
    credit_cleared: int
    answer: str


class RunOut(Schema):
    id: str
    unit: str
    author_id: str
    ts: int
    total: int
    cleared: int
    participants: int
    consents: int
    declines: int
    status: str


class RunDetailOut(RunOut):
    items: list[ItemOut]
    members: list[ParticipantOut]


class RunIn(Schema):
    unit: str = Field(max_length=12, examples=["EUR"])


def _net() -> str:
    net = default_network()
    if net is None:
        raise Http404(_("This node serves no network yet."))
    return net


@obligations_router.get("", response=list[ObligationOut], auth=TokenAuth())
@paginate(KeysetPagination)
def list_obligations(request, list: str = "owing"):
    """Your debts, newest first: `list` is `confirm` (waiting for you), `owing` or `owed`."""
    member_id = member_for(request.auth).id
    reads = {"confirm": access.to_confirm, "owing": access.owed_by, "owed": access.owed_to}
    return reads.get(list, access.owed_by)(_net(), member_id)


@obligations_router.post("", response={201: ObligationOut}, auth=TokenAuth())
def record_obligation(request, payload: ObligationIn):
    """Record a debt owed to you: an `obligation.record` entry the debtor then confirms."""
    return Status(201, actions.record_obligation(
        request.auth, debtor_id=payload.debtor_id, amount=payload.amount, unit=payload.unit,
        memo=payload.memo, due=payload.due))


def _obligation_write(action, doc: str):
    def write(request, obligation_id: str):
        return action(request.auth, obligation_id)

    write.__doc__ = doc
    return write


for _name, _action, _doc in (
    ("confirm", actions.confirm_obligation, "Confirm a debt you owe (the debtor only)."),
    ("dispute", actions.dispute_obligation, "Dispute a debt recorded against you."),
    ("withdraw", actions.withdraw_obligation, "Withdraw a debt owed to you."),
    ("exclude", actions.exclude_obligation, "Keep a debt you are party to out of clearing."),
):
    obligations_router.post(f"/{{obligation_id}}/{_name}", response=ObligationOut,
                            auth=TokenAuth(), operation_id=f"obligation_{_name}")(
        _obligation_write(_action, _doc))


@clearing_router.get("/runs", response=list[RunOut])
@paginate(KeysetPagination)
def list_runs(request):
    """Clearing runs of the network, newest first."""
    return access.runs_in(_net())


@clearing_router.get("/runs/{run_id}", response=RunDetailOut)
def get_run(request, run_id: str):
    """One run: the set-off of each obligation it takes and each member's answer."""
    run = access.get_run(_net(), run_id)
    if run is None:
        raise Http404(_("No such clearing run."))
    run.items = list(access.items_of(run))
    run.members = list(access.participants_of(run))
    return run


@clearing_router.post("/runs", response={201: RunOut}, auth=TokenAuth())
def start_run(request, payload: RunIn):
    """Propose the optimal clearing of a unit's confirmed debts, with its certificate."""
    return Status(201, actions.start_run(request.auth, unit=payload.unit))


@clearing_router.post("/runs/{run_id}/consent", response=RunOut, auth=TokenAuth())
def consent(request, run_id: str):
    """Consent to a run that changes your books."""
    return actions.consent_to_run(request.auth, run_id)


@clearing_router.post("/runs/{run_id}/decline", response=RunOut, auth=TokenAuth())
def decline(request, run_id: str):
    """Decline a run that changes your books: it will not apply."""
    return actions.decline_run(request.auth, run_id)


@clearing_router.post("/opt-out", response={204: None}, auth=TokenAuth())
def opt_out(request):
    """Stay out of clearing runs."""
    actions.choose_clearing(request.auth, take_part=False)
    return Status(204, None)


@clearing_router.post("/opt-in", response={204: None}, auth=TokenAuth())
def opt_in(request):
    """Take part in clearing runs again."""
    actions.choose_clearing(request.auth, take_part=True)
    return Status(204, None)
