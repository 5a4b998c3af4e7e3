"""Conversation: comments as signed entries, threaded on any object another app registers as a
subject (commons, tasks, contributions, artifacts; later proposals, transfers, orders)."""
