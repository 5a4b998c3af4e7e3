"""Tests of front."""
