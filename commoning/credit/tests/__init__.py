"""Tests of mutual credit."""
