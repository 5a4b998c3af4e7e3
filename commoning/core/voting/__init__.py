"""Counting the association's decisions: pure functions anyone can run to re-tally a decision.

`tally.tally_bytes(file bytes)` or `tally.tally(check_decision(value))` gives the outcome;
docs/subsystems/decisions.md states every rule.
"""
