"""Where the treasury meets the association and its decisions: who is a steward as an entry
saw the roster, how many approvals a payment needs, and what a decision granted.

The one seam to `commoning.association.roster` and `commoning.decisions.outcome`; every rule of
the treasury asks here, so the books never read the roster or a tally another way.
"""

from dataclasses import dataclass

from commoning.log.registry import Forbidden, Rejected

CURRENCY_MAX_MINOR = 10**15  # a bound on any one amount, far below 2^53
PAYEE_MAX = 200


@dataclass(frozen=True)
class Grant:
    """What a passed decision granted: an amount of one currency out of one treasury, to a payee,
    booked to an expenses account."""

    decision_id: str
    treasury_id: str
    currency: str
    amount_minor: int
    payee: str
    account_id: str


def view_of(entry):
    """The association as this entry saw it: from the roster heads it lists in deps."""
    from commoning.association.roster import roster_heads_of, view_at

    return view_at(entry.net, roster_heads_of(entry))


def steward_view(entry, member_id):
    """The entry's view of the association, if its author was a steward in it; else refuse."""
    view = view_of(entry)
    if not view.founded:
        raise Rejected("no association in this entry's past: list the roster heads in deps")
    if member_id not in view.stewards:
        raise Forbidden("only a steward of the association may do this")
    return view


def is_steward_now(net: str, member_id: str | None) -> bool:
    """Whether a member is a steward as this node knows the association now (pages use it to
    offer the stewards' forms; the rules decide from each entry's own roster heads)."""
    from commoning.association.roster import view_at

    view = view_at(net, current_heads(net))
    return bool(view.founded and member_id in view.stewards)


def current_heads(net: str) -> list[str]:
    from commoning.association.roster import current_heads as heads

    return list(heads(net))


def grant_of(net: str, decision_id: str) -> Grant:
    """The grant a passed decision made; refuse a decision that did not pass or granted nothing."""
    from commoning.decisions.outcome import outcome_of

    outcome = outcome_of(net, decision_id)
    if outcome is None:
        raise Rejected("the decision named is no closed decision of this network")
    if outcome.passed is not True:
        raise Rejected("the decision named did not pass")
    effect = outcome.effect
    if not isinstance(effect, dict) or effect.get("kind") != "grant":
        raise Rejected("the decision named granted no payment")
    check_grant_effect(effect, {})
    return Grant(decision_id, effect["treasury"], effect["currency"], effect["amount"],
                 effect["to"], effect["account"])


def _is_hex_id(value) -> bool:
    return (isinstance(value, str) and len(value) == 64
            and all(character in "0123456789abcdef" for character in value))


def check_grant_effect(effect: dict, proposal_data: dict) -> None:
    """The shape of a "grant" effect, run by the proposal's rule (decide's effect registry)."""
    allowed = {"kind", "treasury", "currency", "amount", "to", "account"}
    if set(effect) != allowed:
        raise Rejected("a grant names exactly: treasury, currency, amount, to, account")
    if not _is_hex_id(effect["treasury"]) or not _is_hex_id(effect["account"]):
        raise Rejected("a grant's treasury and account are entry ids")
    currency = effect["currency"]
    if not (isinstance(currency, str) and len(currency) == 3 and currency.isascii()
            and currency.isalpha() and currency.isupper()):
        raise Rejected("a grant's currency is a three-letter code such as EUR")
    amount = effect["amount"]
    if isinstance(amount, bool) or not isinstance(amount, int) or not (
            0 < amount <= CURRENCY_MAX_MINOR):
        raise Rejected("a grant's amount is a whole number of minor units above zero")
    payee = effect["to"]
    if not (isinstance(payee, str) and 0 < len(payee) <= PAYEE_MAX and payee == payee.strip()
            and not any(ord(character) < 32 for character in payee)):
        raise Rejected("a grant's payee is one line of up to 200 characters")


def register_effect() -> None:
    from commoning.decisions import effects

    effects.register("grant", check_grant_effect)
