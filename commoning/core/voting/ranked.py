"""Instant runoff (IRV) and Schulze over ranked ballots, counted as grouped profiles.

Identical rankings are grouped first (a counted profile), so the work grows with the number
of distinct rankings. A ranking may be partial: ranked options stand above unranked ones, and
an empty ranking is an abstention (it counts towards the quorum, nothing else).

IRV: each round counts every ballot for its highest continuing option; an option with more
than half of the ballots still counting (strictly) wins, or the last one left; otherwise the
option with fewest votes is eliminated, ties eliminating the option whose id sorts last.

Schulze (beat-path, margins): d[a][b] is how many ballots rank a above b; a beats b directly
by the margin d[a][b] - d[b][a] when it is positive; a path is as strong as its weakest link;
the Schulze winners are the options whose strongest path to every other is at least as strong
as the way back. Among several, the one whose id sorts first wins.
"""

from collections import Counter

from commoning.core.voting.ballots import Decision
from commoning.core.voting.outcome import Count


def counted_profile(decision: Decision) -> tuple[list[tuple[int, ...]], list[int]]:
    """Distinct non-empty rankings and how many ballots carry each, in a fixed order."""
    grouped = Counter(ranking for ranking in decision.ballots if ranking)
    rankings = sorted(grouped)
    return rankings, [grouped[ranking] for ranking in rankings]


def irv(decision: Decision) -> Count:
    options = decision.options
    rank_in_tie_order = {index: rank for rank, index in enumerate(decision.tie_order)}
    rankings, counts = counted_profile(decision)
    continuing = [True] * len(options)
    position = [0] * len(rankings)  # where each group's ballots now sit in their ranking
    piles: list[list[int]] = [[] for _ in options]  # groups counted for each option
    tallies = [0] * len(options)
    for group, ranking in enumerate(rankings):
        piles[ranking[0]].append(group)
        tallies[ranking[0]] += counts[group]
    first_preferences = dict(zip(options, tallies, strict=True))
    exhausted = 0
    rounds = []
    winners = []
    while True:
        live = [index for index in range(len(options)) if continuing[index]]
        counting = sum(tallies[index] for index in live)
        record = {"round": len(rounds) + 1,
                  "tallies": {options[index]: tallies[index] for index in live},
                  "exhausted": exhausted, "elected": [], "eliminated": [], "tie_broken": False}
        rounds.append(record)
        if counting == 0:
            break
        leader = min(live, key=lambda index: (-tallies[index], rank_in_tie_order[index]))
        if 2 * tallies[leader] > counting or len(live) == 1:
            winners = [options[leader]]
            record["elected"] = winners
            break
        fewest = min(tallies[index] for index in live)
        tied = [index for index in live if tallies[index] == fewest]
        loser = max(tied, key=rank_in_tie_order.__getitem__)
        record["eliminated"] = [options[loser]]
        record["tie_broken"] = len(tied) > 1
        continuing[loser] = False
        for group in piles[loser]:
            ranking = rankings[group]
            next_place = position[group] + 1
            while next_place < len(ranking) and not continuing[ranking[next_place]]:
                next_place += 1
            if next_place < len(ranking):
                position[group] = next_place
                piles[ranking[next_place]].append(group)
                tallies[ranking[next_place]] += counts[group]
            else:
                exhausted += counts[group]
        piles[loser] = []
        tallies[loser] = 0
    return Count(winners=winners, passed=None, counts=first_preferences, rounds=rounds)


def pairwise_counts(rankings: list[tuple[int, ...]], counts: list[int],
                    option_count: int) -> list[list[int]]:
    """d[a][b]: ballots ranking a above b (ranked above unranked, unranked tied).

    Each option's row is packed into one integer, a field per opponent wide enough for the
    total, so a ballot adds a whole row with one addition instead of one per opponent.
    """
    width = max(1, sum(counts)).bit_length() + 1
    unit = [1 << (width * index) for index in range(option_count)]
    everyone = sum(unit)
    rows = [0] * option_count
    for ranking, count in zip(rankings, counts, strict=True):
        below = everyone - sum(map(unit.__getitem__, ranking))  # the unranked options
        if count == 1:  # the common case with many voters: no multiplication
            for index in reversed(ranking):
                rows[index] += below
                below += unit[index]
        else:
            for index in reversed(ranking):
                rows[index] += below * count
                below += unit[index]
    mask = (1 << width) - 1
    return [[(rows[a] >> (width * b)) & mask for b in range(option_count)]
            for a in range(option_count)]


def strongest_paths(pairwise: list[list[int]]) -> list[list[int]]:
    """Widest paths over the positive margins (Floyd-Warshall, options**3 steps)."""
    size = len(pairwise)
    paths = [[max(0, pairwise[a][b] - pairwise[b][a]) if a != b else 0 for b in range(size)]
             for a in range(size)]
    for via in range(size):
        row_via = paths[via]
        for start in range(size):
            to_via = paths[start][via]
            if start == via or to_via == 0:
                continue
            row_start = paths[start]
            for end in range(size):
                through = min(to_via, row_via[end])
                if through > row_start[end] and end != start:
                    row_start[end] = through
    return paths


def schulze(decision: Decision) -> Count:
    options = decision.options
    rankings, counts = counted_profile(decision)
    pairwise = pairwise_counts(rankings, counts, len(options))
    paths = strongest_paths(pairwise)
    size = len(options)
    schulze_winners = [a for a in range(size)
                       if all(paths[a][b] >= paths[b][a] for b in range(size) if b != a)]
    winners = []
    if rankings:
        winners = [options[next(i for i in decision.tie_order if i in schulze_winners)]]

    def by_id(matrix):
        return {options[a]: {options[b]: matrix[a][b] for b in range(size) if b != a}
                for a in range(size)}

    counts_out = {"pairwise": by_id(pairwise), "strongest_paths": by_id(paths),
                  "schulze_winners": [options[index] for index in schulze_winners]}
    return Count(winners=winners, passed=None, counts=counts_out)
