"""Commoning: infrastructure of cooperation for commons-based peer production."""
