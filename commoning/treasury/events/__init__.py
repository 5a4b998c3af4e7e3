"""Entry types of the treasury: books (open, account, movement) and payments (payment, approve).

Registered on import, by the app's `ready()`.
"""

from commoning.treasury.events import books, payments  # noqa: F401  (registration)
