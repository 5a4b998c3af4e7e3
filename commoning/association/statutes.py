"""The association's statutes: published parameters, validated and bounded in one place.

`Statutes.from_dict` is the only way a dict from outside (a founding entry, an enacted change, a
form) becomes statutes; it raises `Rejected` with a reason a person can read.
"""

from dataclasses import asdict, dataclass, field, replace

from commoning.log.registry import Rejected

JOIN_RULES = ("open", "approval")
DECISION_KINDS = ("ordinary", "statutes", "election", "spending")
MAX_JOIN_APPROVALS = 50
MAX_DUES_MINOR = 10**12
MAX_STEWARDS = 25
MAX_THRESHOLD_DEN = 1000

# (quorum_percent, threshold_num, threshold_den): a decision of this kind needs ballots from at
# least quorum_percent of its electorate, and support strictly above num/den.
STANDARD_DEFAULTS = {
    "ordinary": (20, 1, 2),
    "statutes": (30, 2, 3),
    "election": (20, 1, 2),
    "spending": (20, 1, 2),
}


@dataclass(frozen=True)
class Statutes:
    join_rule: str = "open"
    join_approvals: int = 0
    dues_minor: int = 0
    dues_currency: str = "EUR"
    stewards_count: int = 3
    payment_approvals: int = 2
    defaults: dict = field(default_factory=lambda: dict(STANDARD_DEFAULTS))

    def __hash__(self):  # the defaults dict is never mutated; hash what it holds
        return hash((self.join_rule, self.join_approvals, self.dues_minor, self.dues_currency,
                     self.stewards_count, self.payment_approvals,
                     tuple(sorted(self.defaults.items()))))

    def as_dict(self) -> dict:
        plain = asdict(self)
        plain["defaults"] = {kind: list(values) for kind, values in sorted(self.defaults.items())}
        return plain

    def changed(self, changes: dict) -> "Statutes":
        """These statutes with `changes` applied (validated as a whole)."""
        merged = self.as_dict()
        unknown = set(changes) - set(merged)
        if unknown:
            raise Rejected("unknown statutes field: " + ", ".join(sorted(map(str, unknown))))
        if "defaults" in changes:
            if not isinstance(changes["defaults"], dict):
                raise Rejected("statutes defaults must be an object of decision kinds")
            merged["defaults"] = {**merged["defaults"], **changes["defaults"]}
        merged.update({key: value for key, value in changes.items() if key != "defaults"})
        return Statutes.from_dict(merged)

    @staticmethod
    def from_dict(data) -> "Statutes":
        if not isinstance(data, dict):
            raise Rejected("statutes must be an object")
        known = {f for f in Statutes.__dataclass_fields__}
        unknown = set(data) - known
        if unknown:
            raise Rejected("unknown statutes field: " + ", ".join(sorted(map(str, unknown))))
        statutes = replace(Statutes(), **data)
        _check(statutes)
        defaults = {}
        for kind in DECISION_KINDS:
            defaults[kind] = _rule_of(kind, statutes.defaults.get(kind, STANDARD_DEFAULTS[kind]))
        return replace(statutes, defaults=defaults)


def _integer(value, name: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise Rejected(f"{name} must be a whole number from {low} to {high}")
    return value


def _check(statutes: Statutes) -> None:
    if statutes.join_rule not in JOIN_RULES:
        raise Rejected("join_rule must be 'open' or 'approval'")
    _integer(statutes.join_approvals, "join_approvals", 0, MAX_JOIN_APPROVALS)
    if statutes.join_rule == "approval" and statutes.join_approvals < 1:
        raise Rejected("joining by approval needs at least one approval")
    _integer(statutes.dues_minor, "dues_minor", 0, MAX_DUES_MINOR)
    currency = statutes.dues_currency
    if not (isinstance(currency, str) and len(currency) == 3 and currency.isascii()
            and currency.isupper() and currency.isalpha()):
        raise Rejected("dues_currency must be a three-letter code such as EUR")
    _integer(statutes.stewards_count, "stewards_count", 1, MAX_STEWARDS)
    _integer(statutes.payment_approvals, "payment_approvals", 1, statutes.stewards_count)
    if not isinstance(statutes.defaults, dict) or set(statutes.defaults) - set(DECISION_KINDS):
        raise Rejected("defaults must name only the decision kinds " + ", ".join(DECISION_KINDS))


def _rule_of(kind: str, values) -> tuple[int, int, int]:
    if not isinstance(values, list | tuple) or len(values) != 3:
        raise Rejected(f"defaults of {kind} must be [quorum_percent, threshold_num, threshold_den]")
    quorum = _integer(values[0], f"{kind} quorum_percent", 0, 100)
    den = _integer(values[2], f"{kind} threshold_den", 1, MAX_THRESHOLD_DEN)
    num = _integer(values[1], f"{kind} threshold_num", 0, den - 1)
    return (quorum, num, den)
