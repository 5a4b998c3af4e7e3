"""Tests of commons."""
