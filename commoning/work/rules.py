"""The published rules of peer production, as pure functions (no Django): a commons' rules,
whether a contribution is validated and why, a task's status, and reputation sums.

Everything here takes stored facts and a time `now_ms` and returns the same answer on every
node; views and the API call it through access.py at read time.
"""

import datetime
import functools
import re
from dataclasses import dataclass, field

DAY_MS = 24 * 60 * 60 * 1000
def _counted(number: int, one: str, many: str) -> str:
    """The noun that goes with a number (these reasons are English; pages word their own
    counts through ngettext)."""
    return one if number == 1 else many


KINDS = (
    "code",
    "design",
    "writing",
    "testing",
    "translation",
    "care",
    "coordination",
    "materials",
)
# A commons may add kinds of its own ("field trial"): a slug-like id and a label people read.
CUSTOM_KIND = re.compile(r"[a-z][a-z0-9_]{1,19}")
KINDS_MAX = 20  # kinds one version of the rules may allow, built-in and its own together
KIND_LABEL_MAX = 40
MODES = ("founder-led", "rules-led")
# Where a task stands (task_status) and a contribution stands (its Verdict), and the judgements.
TASK_STATUSES = ("open", "stale", "claimed", "submitted", "done")
CONTRIBUTION_STATES = ("validated", "pending", "objected", "in-window", "hidden")
VERDICTS = ("approve", "object")
ROLE_MAINTAINER = "maintainer"


@dataclass(frozen=True)
class Rules:
    """A commons' rules. Without a published version, the defaults below apply."""

    mode: str = "founder-led"
    min_approvals: int = 2
    objection_window_days: int = 7
    claim_days: int = 14
    maintainer_contributions: int = 3
    maintainer_approvals: int = 1
    inactivity_days: int = 180
    kinds: tuple = KINDS
    rules_id: str = ""  # the `work.rules` entry, or "" for the defaults
    kind_labels: tuple = ()  # ((kind, label), ...) of the commons' own kinds

    def kind_label(self, kind: str) -> str:
        """What people read for a kind: the commons' label for its own, else the kind."""
        return dict(self.kind_labels).get(kind, kind)

    def kind_choices(self) -> list[tuple[str, str]]:
        return [(kind, self.kind_label(kind)) for kind in self.kinds]

    @property
    def window_ms(self) -> int:
        return self.objection_window_days * DAY_MS

    @property
    def claim_ms(self) -> int:
        return self.claim_days * DAY_MS

    def validation_rule_text(self) -> str:
        approvals = _counted(self.min_approvals, "approval", "approvals")
        text = (
            f"at least {self.min_approvals} {approvals} from other members"
            " and no standing objection"
        )
        if self.objection_window_days:
            days = _counted(self.objection_window_days, "day has", "days have")
            text += (
                f" once {self.objection_window_days} {days} passed since the approval that"
                " reached the threshold"
            )
        return text

    def maintainer_rule_text(self) -> str:
        if self.mode == "founder-led":
            return "the founder appoints maintainers"
        contributions = _counted(self.maintainer_contributions, "contribution", "contributions")
        members = _counted(self.min_approvals, "other member", "other members")
        approvals = _counted(self.maintainer_approvals, "approval", "approvals")
        days = _counted(self.inactivity_days, "day", "days")
        return (
            f"{self.maintainer_contributions} {contributions} each approved by at least "
            f"{self.min_approvals} {members} and {self.maintainer_approvals} {approvals} from "
            f"maintainers; lapses after {self.inactivity_days} {days} without contributing"
        )


@dataclass
class Verdict:
    """Where a contribution stands and why, in words a person can check."""

    state: str  # "validated", "pending", "objected", "in-window", "hidden"
    reasons: list = field(default_factory=list)
    # While the objection window is open ("in-window"): whole days until it closes, rounded up,
    # so pages can say "waiting for objections, 3 days left".
    days_left: int | None = None

    @property
    def counts(self) -> bool:
        return self.state == "validated"


def window_anchor(rules: Rules, approval_times) -> int | None:
    """When the objection window opens: the ts of the standing approval that brought the
    current version to `min_approvals` (approval_times ascending), or None before that.

    Other members' entries fix it, so a contributor who backdates their own entry gains
    nothing; only approvers who backdate their approvals together could shorten it.
    """
    if len(approval_times) < rules.min_approvals:
        return None
    return approval_times[rules.min_approvals - 1]


def parse_times(text: str) -> list[int]:
    return [int(part) for part in text.split(",") if part]


def counts(
    *, rules: Rules, approval_times, approvals: int, standing_objections: int, hidden: bool,
    now_ms: int
) -> bool:
    """Whether the rule validates a contribution now (the fast form of `contribution_verdict`)."""
    anchor = window_anchor(rules, approval_times)
    return (
        not hidden
        and not standing_objections
        and approvals >= rules.min_approvals
        and anchor is not None
        and now_ms >= anchor + rules.window_ms
    )


def contribution_verdict(
    *, rules: Rules, approval_times, approvals: int, standing_objections: int, hidden: bool,
    now_ms: int
) -> Verdict:
    """Apply the rules that judge a contribution to its stored counters."""
    if hidden:
        return Verdict("hidden", ["hidden by a maintainer as spam; it does not count"])
    reasons = []
    enough = approvals >= rules.min_approvals
    reasons.append(
        f"{approvals} of {rules.min_approvals} "
        f"{_counted(rules.min_approvals, 'approval', 'approvals')} needed"
    )
    if standing_objections:
        reasons.append(
            f"{standing_objections} standing "
            f"{_counted(standing_objections, 'objection', 'objections')}:"
            " withdrawn or settled ones do not count"
        )
    anchor = window_anchor(rules, approval_times)
    window_over = anchor is not None and now_ms >= anchor + rules.window_ms
    if anchor is not None and not window_over:
        days_left = -(-(anchor + rules.window_ms - now_ms) // DAY_MS)
        reasons.append(
            f"objection window open for {days_left} more {_counted(days_left, 'day', 'days')}"
        )
    elif anchor is None and rules.objection_window_days:
        reasons.append(
            f"the {rules.objection_window_days}-day objection window opens with the approval "
            "that reaches the threshold"
        )
    if standing_objections:
        return Verdict("objected", reasons)
    if not enough:
        return Verdict("pending", reasons)
    if not window_over:
        return Verdict("in-window", reasons, days_left=days_left if anchor is not None else None)
    reasons.append("validated by the rule: " + rules.validation_rule_text())
    return Verdict("validated", reasons)


@dataclass(frozen=True)
class ClaimFact:
    """What the claim rule needs of one `work.claim`: who, when, released, and which earlier
    claims on the same task it declared it knew of (its deps besides the task)."""

    id: str
    member_id: str
    ts: int
    released: bool
    known: frozenset = frozenset()


def task_status(
    *, rules: Rules, claims: list, submitters: set, done: bool, now_ms: int
) -> tuple[str, list]:
    """(status, holding claims): open, claimed, stale, submitted or done.

    Decided by causality, never by who dated their claim earliest: every claim still held holds
    the task (concurrent claims, neither knowing of the other, hold it together), so a claim
    can join a task but never displace a holder. A claim is held until released, and expires
    `claim_days` after its own ts unless its member has submitted work for the task; dating a
    claim back only shortens it. Holders come first-known first: a claim another holder knew of
    goes before it, ties by id; one claim per member.
    """
    if done:
        return "done", []
    held = []
    expired = False
    for claim in claims:
        if claim.released:
            continue
        if claim.member_id in submitters or now_ms < claim.ts + rules.claim_ms:
            held.append(claim)
        else:
            expired = True
    if held:
        holders = holders_in_order(held, claims)
        submitted = any(claim.member_id in submitters for claim in holders)
        return ("submitted" if submitted else "claimed"), holders
    return ("stale" if expired else "open"), []


def holders_in_order(held: list, claims: list) -> list:
    """Held claims, each after every held claim in its declared causal past, ties by id;
    only the first claim of each member."""
    by_id = {claim.id: claim for claim in claims}
    past: dict[str, set] = {}

    def causal_past(claim_id: str) -> set:
        # Iterative, so a long chain of claims cannot exhaust the stack.
        if claim_id in past:
            return past[claim_id]
        stack, seen = [claim_id], set()
        while stack:
            current = by_id.get(stack.pop())
            for known_id in current.known if current else ():
                if known_id not in seen:
                    seen.add(known_id)
                    stack.append(known_id)
        past[claim_id] = seen
        return seen

    remaining = {claim.id: claim for claim in held}
    ordered, members = [], set()
    while remaining:
        unpreceded = [
            claim_id
            for claim_id in remaining
            if not (causal_past(claim_id) & (remaining.keys() - {claim_id}))
        ]
        # Deps name existing entries by hash, so the past has no cycles; `or` is a safeguard.
        first = min(unpreceded or remaining)
        claim = remaining.pop(first)
        if claim.member_id not in members:
            members.add(claim.member_id)
            ordered.append(claim)
    return ordered


def reputation_rows(rows) -> dict:
    """Sum validated contributions by kind: {kind: {"count": n, "effort_minutes": m}}."""
    by_kind: dict = {}
    for kind, effort in rows:
        sums = by_kind.setdefault(kind, {"count": 0, "effort_minutes": 0})
        sums["count"] += 1
        sums["effort_minutes"] += effort
    return dict(sorted(by_kind.items()))


def month_of(ts: int) -> str:
    """The UTC month ("YYYY-MM") of a ts in milliseconds, for reputation by month."""
    return _month_of_day(ts // DAY_MS)


@functools.lru_cache(maxsize=4096)
def _month_of_day(day: int) -> str:
    moment = datetime.datetime.fromtimestamp(day * 86_400, tz=datetime.UTC)
    return f"{moment.year:04d}-{moment.month:02d}"
