"""Search: one search box over the objects of every app (see docs/subsystems/search.md)."""
