"""Members, identities, device keys, login, API tokens, the security log and rate limits."""
