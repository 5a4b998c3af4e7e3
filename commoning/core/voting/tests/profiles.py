"""Shared test helpers: random ranked profiles (hypothesis), decisions built from them, and
how many examples the oracle tests run (COMMONING_ORACLE_EXAMPLES=5000 for thousands)."""

import os
import string

from hypothesis import strategies as st

from commoning.core.voting.ballots import check_decision

ORACLE_EXAMPLES = int(os.environ.get("COMMONING_ORACLE_EXAMPLES", "100"))

# Option ids drawn at random, so the tie rule (by id) is not simply the listed order.
option_ids = st.text(alphabet=string.ascii_lowercase, min_size=1, max_size=3)


@st.composite
def ranked_profiles(draw, min_options=2, max_options=6, max_groups=12, max_count=9):
    """(option ids, [(full ranking as indices, how many ballots)]), at least one ballot."""
    options = draw(st.lists(option_ids, min_size=min_options, max_size=max_options,
                            unique=True))
    rankings = st.permutations(range(len(options)))
    groups = draw(st.lists(st.tuples(rankings, st.integers(1, max_count)), min_size=1,
                           max_size=max_groups))
    return options, groups


def ranked_decision(method: str, options: list[str], groups, seats: int = 1, **extra):
    """A checked decision with one voter per ballot of each group."""
    ballots = []
    for ranking, count in groups:
        for _ in range(count):
            ballots.append({"voter": f"v{len(ballots)}",
                            "ranking": [options[index] for index in ranking]})
    value = {"method": method, "options": options, "seats": seats,
             "electorate": max(1, len(ballots)), "ballots": ballots, **extra}
    return check_decision(value)


def option_index(decision, option_id: str) -> int:
    return decision.options.index(option_id)
