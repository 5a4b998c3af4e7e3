"""The certificate checked in one vectorised pass: True only when every condition that
certificate.check_certificate tests holds, so a million obligations check in a few seconds.

It answers only "checks" or "cannot say": anything unusual (a value of the wrong type, a
number past the bounds, a condition that fails) returns False, and check_certificate then
runs its obligation-by-obligation pass, which is the reference and names every problem. So
this pass may be stricter than that one, never looser; a test holds the two together.
"""

import numpy as np

from commoning.core import limits
from commoning.core.clearing.obligations import valid_in_bulk

# Potentials are compared by their differences in int64: keep them far from overflow.
POTENTIAL_BOUND = 2**62


def certificate_checks(certificate) -> bool:
    """True when the certificate checks; False when it does not, or this pass cannot tell."""
    obligations = certificate.obligations
    try:
        ids = [obligation.id for obligation in obligations]
        debtors = [obligation.debtor for obligation in obligations]
        creditors = [obligation.creditor for obligation in obligations]
        amounts = [obligation.amount for obligation in obligations]
    except AttributeError:
        return False
    if not ids or not valid_in_bulk(ids, debtors, creditors, amounts):
        return False
    id_set = set(ids)
    set_off = certificate.set_off
    if len(id_set) != len(ids) or len(set_off) != len(ids):
        return False
    # Every id found and as many keys as ids: the set-off names exactly these obligations.
    set_offs = list(map(set_off.get, ids))
    if set(map(type, set_offs)) != {int} or not certificate.excluded <= id_set:
        return False
    total, cleared = sum(amounts), sum(set_offs)
    if (total, cleared) != (certificate.total, certificate.cleared):
        return False
    if total > limits.MAX_CLEARING_TOTAL or min(set_offs) < 0 or cleared > total:
        return False
    amount_array = np.array(amounts, dtype=np.int64)
    set_off_array = np.array(set_offs, dtype=np.int64)  # each within 0..total: no overflow
    if (set_off_array > amount_array).any():
        return False

    member_names = list(set(debtors).union(creditors))
    number = {member: index for index, member in enumerate(member_names)}
    tails = np.fromiter(map(number.__getitem__, debtors), dtype=np.int64, count=len(ids))
    heads = np.fromiter(map(number.__getitem__, creditors), dtype=np.int64, count=len(ids))
    members = len(member_names)

    # Net positions: the set-off moves none, and the stated ones are those of the obligations.
    moved = np.zeros(members, dtype=np.int64)
    np.subtract.at(moved, tails, set_off_array)
    np.add.at(moved, heads, set_off_array)
    if moved.any():
        return False
    stated = certificate.net_positions
    stated_positions = list(map(stated.get, member_names))
    if len(stated) != members or set(map(type, stated_positions)) != {int}:
        return False
    if max(map(abs, stated_positions)) > limits.MAX_CLEARING_TOTAL:
        return False
    positions = np.zeros(members, dtype=np.int64)
    np.subtract.at(positions, tails, amount_array)
    np.add.at(positions, heads, amount_array)
    if not np.array_equal(positions, np.array(stated_positions, dtype=np.int64)):
        return False

    # Kept out: every obligation of a member who opted out is excluded and sets nothing off.
    opted_out, excluded = certificate.opted_out, certificate.excluded
    taking_part = np.ones(len(ids), dtype=bool)
    if opted_out or excluded:
        member_opted_out = np.fromiter(map(opted_out.__contains__, member_names), dtype=bool,
                                       count=members)
        of_opted_out = member_opted_out[tails] | member_opted_out[heads]
        is_excluded = np.fromiter(map(excluded.__contains__, ids), dtype=bool, count=len(ids))
        if (of_opted_out & ~is_excluded).any():
            return False
        taking_part = ~(of_opted_out | is_excluded)
        if set_off_array[~taking_part].any():
            return False

    # Optimality: integer potentials for every member taking part, dropping by at least 1
    # along debt that stays and by at most 1 along debt set off.
    potentials = certificate.potentials
    named = np.zeros(members, dtype=bool)
    named[tails[taking_part]] = True
    named[heads[taking_part]] = True
    named_members = np.flatnonzero(named)
    named_potentials = [potentials.get(member_names[index]) for index in named_members.tolist()]
    if named_potentials and (
        set(map(type, named_potentials)) != {int}
        or max(map(abs, named_potentials)) > POTENTIAL_BOUND
    ):
        return False
    potential = np.zeros(members, dtype=np.int64)
    potential[named_members] = np.array(named_potentials, dtype=np.int64)
    drop = potential[tails] - potential[heads]
    keeps = taking_part & (set_off_array < amount_array)
    sets_off = taking_part & (set_off_array > 0)
    return not ((keeps & (drop < 1)).any() or (sets_off & (drop > 1)).any())
