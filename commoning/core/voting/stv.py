"""Single transferable vote for several seats: Droop quota, Weighted Inclusive Gregory.

The rule, in exact Fraction arithmetic (no rounding anywhere):
- quota = floor(ballots with a ranking / (seats + 1)) + 1, fixed at the start; an option is
  elected when its votes reach the quota (>=).
- Each round counts every ballot, at its current weight, for its highest continuing option.
- When some options reach the quota, all of them are elected at once, the most votes first;
  each one's ballots (all of them, whatever their weight: "inclusive") pass on to their next
  continuing option at weight * (votes - quota) / votes (Gregory, weighted).
- Otherwise, when as many options continue as seats remain, they are all elected.
- Otherwise the option with fewest votes is eliminated, its ballots passing on at their
  weight; ties eliminate the option whose id sorts last (Decision.tie_order).
- A ballot with no continuing option left is exhausted.
This is the rule votekit's STV implements with exact=True and simultaneous=True, so the
tests use it as an independent oracle.
"""

from collections import Counter
from fractions import Fraction

from commoning.core.voting.ballots import Decision
from commoning.core.voting.outcome import Count, fraction_text
from commoning.core.voting.ranked import counted_profile

ONE = Fraction(1)


class _Count:
    """The state of one STV count: where each group of ballots sits, at which weight."""

    def __init__(self, decision: Decision):
        self.rankings, self.counts = counted_profile(decision)
        size = len(decision.options)
        self.continuing = [True] * size
        self.position = [0] * len(self.rankings)
        # piles[option][weight] = groups counted for option at that weight
        self.piles: list[dict[Fraction, list[int]]] = [{} for _ in range(size)]
        self.tallies = [Fraction(0)] * size
        self.exhausted = Fraction(0)
        first = Counter()
        for group, ranking in enumerate(self.rankings):
            self.piles[ranking[0]].setdefault(ONE, []).append(group)
            first[ranking[0]] += self.counts[group]
        for index, votes in first.items():
            self.tallies[index] = Fraction(votes)

    def pass_on(self, option: int, factor: Fraction) -> None:
        """Move every ballot counted for `option` on, its weight multiplied by `factor`."""
        for weight, groups in self.piles[option].items():
            new_weight = weight * factor
            if new_weight == 0:
                continue  # an exact-quota winner keeps every ballot: nothing passes on
            moved = Counter()
            exhausted = 0
            for group in groups:
                ranking = self.rankings[group]
                place = self.position[group] + 1
                while place < len(ranking) and not self.continuing[ranking[place]]:
                    place += 1
                if place < len(ranking):
                    self.position[group] = place
                    self.piles[ranking[place]].setdefault(new_weight, []).append(group)
                    moved[ranking[place]] += self.counts[group]
                else:
                    exhausted += self.counts[group]
            for receiver, ballots in moved.items():
                self.tallies[receiver] += new_weight * ballots
            self.exhausted += new_weight * exhausted
        self.piles[option] = {}
        self.tallies[option] = Fraction(0)


def stv(decision: Decision) -> Count:
    options = decision.options
    rank_in_tie_order = {index: rank for rank, index in enumerate(decision.tie_order)}
    count = _Count(decision)
    ballots_counted = sum(count.counts)
    quota = ballots_counted // (decision.seats + 1) + 1
    first_preferences = {options[i]: fraction_text(v) for i, v in enumerate(count.tallies)}
    elected: list[int] = []
    rounds = []

    def most_votes_first(indices):
        return sorted(indices, key=lambda i: (-count.tallies[i], rank_in_tie_order[i]))

    while ballots_counted and len(elected) < decision.seats:
        live = [index for index in range(len(options)) if count.continuing[index]]
        record = {"round": len(rounds) + 1,
                  "tallies": {options[i]: fraction_text(count.tallies[i]) for i in live},
                  "exhausted": fraction_text(count.exhausted),
                  "elected": [], "eliminated": [], "tie_broken": False}
        rounds.append(record)
        reached = most_votes_first(i for i in live if count.tallies[i] >= quota)
        if reached:
            factors = {i: (count.tallies[i] - quota) / count.tallies[i] for i in reached}
            for index in reached:
                count.continuing[index] = False
            for index in reached:
                count.pass_on(index, factors[index])
            newly = reached
        elif len(live) == decision.seats - len(elected):
            newly = most_votes_first(live)
            for index in newly:
                count.continuing[index] = False
        else:
            fewest = min(count.tallies[i] for i in live)
            tied = [i for i in live if count.tallies[i] == fewest]
            loser = max(tied, key=rank_in_tie_order.__getitem__)
            record["eliminated"] = [options[loser]]
            record["tie_broken"] = len(tied) > 1
            count.continuing[loser] = False
            count.pass_on(loser, ONE)
            continue
        elected += newly
        record["elected"] = [options[i] for i in newly]
    return Count(winners=[options[i] for i in elected], passed=None,
                 counts={"quota": quota, "first_preferences": first_preferences},
                 rounds=rounds)
