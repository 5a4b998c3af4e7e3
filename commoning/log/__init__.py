"""The signed, append-only log: storage, append, ingest, forks, projections, state hash."""
