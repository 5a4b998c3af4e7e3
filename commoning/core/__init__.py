"""Pure-Python domain core: entry encoding, ids, signatures and domain calculations.

Nothing in this package may import Django (a test enforces it), so every rule here can be
called directly and property-tested without a database.
"""
