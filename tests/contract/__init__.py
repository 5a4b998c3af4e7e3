"""API contract tests: OpenAPI, auth, pagination, idempotency, errors, rate limits."""
