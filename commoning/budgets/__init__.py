"""Participatory budgeting: rounds, projects, approval ballots, a teller's close, the result."""
