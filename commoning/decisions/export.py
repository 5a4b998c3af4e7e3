"""A closed decision as the decision file `commoning decide tally` reads.

The file is the one the close's apply built and tallied (commoning/decisions/tallying.py), so
re-tallying it anywhere, with no node, gives the digest the node shows.
"""

import orjson

from commoning.decisions import access


class NotClosed(LookupError):
    """No such proposal, or no close of it has reached this node."""


def decision_file(net: str, proposal_id: str) -> dict:
    proposal = access.get_proposal(net, proposal_id)
    if proposal is None:
        raise NotClosed("no such proposal on this node")
    close = access.close_of(proposal)
    if close is None:
        raise NotClosed("this proposal has not been closed yet")
    return close.decision


def decision_bytes(net: str, proposal_id: str) -> bytes:
    return orjson.dumps(decision_file(net, proposal_id), option=orjson.OPT_INDENT_2) + b"\n"
