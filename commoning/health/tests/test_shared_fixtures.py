"""The shared fixtures of the root conftest work on whichever database the suite runs on."""

import os


def test_db_vendor_names_the_database_under_test(db_vendor):
    expected = "postgresql" if os.environ.get("DATABASE_URL") else "sqlite"
    assert db_vendor == expected


def test_chromium_path_points_at_an_executable(chromium_path):
    assert os.access(chromium_path, os.X_OK)
