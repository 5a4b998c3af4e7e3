"""Browser tests: a real node process driven by Chromium."""
