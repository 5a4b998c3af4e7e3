"""Participatory budgeting, pure: Pabulib `.pb` files in and out, and greedy selection."""
