"""Peer production: tasks members pick for themselves, contributions, communal validation,
reputation, earned roles, artifacts with immutable revisions, and forks as exit."""
