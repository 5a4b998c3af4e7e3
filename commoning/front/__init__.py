"""Base templates, navigation, vendored htmx, and the node-wide pages (home, log)."""
