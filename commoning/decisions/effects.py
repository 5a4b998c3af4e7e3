"""The effect registry: what a passed decision may set in motion, checked when it is proposed.

Other apps register the effect kinds they enact (assoc: "statutes", "elect"; treasury:
"grant"). A proposal's effect is optional; when given, its kind must be registered and its
check must accept it, or the `decision.propose` rule refuses the proposal. The check runs
inside the shared rule, so it must depend only on the effect and the proposal's data.
"""

from collections.abc import Callable

from commoning.log.registry import Rejected

EFFECT_CHECKS: dict[str, Callable[[dict, dict], None]] = {}


def register(kind: str, check: Callable[[dict, dict], None]) -> None:
    """Register an effect kind; `check(effect, proposal_data)` raises Rejected if malformed."""
    if kind in EFFECT_CHECKS and EFFECT_CHECKS[kind] is not check:
        raise RuntimeError(f"effect kind {kind} registered twice")
    EFFECT_CHECKS[kind] = check


def check_effect(effect, proposal_data: dict) -> None:
    """Refuse an effect that is not an object, has an unknown kind, or that its kind refuses."""
    if type(effect) is not dict:
        raise Rejected("an effect must be an object with a kind")
    check = EFFECT_CHECKS.get(effect.get("kind"))
    if check is None:
        raise Rejected("this effect kind is unknown to this node")
    check(effect, proposal_data)
