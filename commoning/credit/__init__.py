"""Mutual credit: currencies, transfers between members, wallets."""
