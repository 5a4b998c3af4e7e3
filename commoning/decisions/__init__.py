"""Decisions of the for-benefit association: proposals, ballots, delegation, close, results."""
