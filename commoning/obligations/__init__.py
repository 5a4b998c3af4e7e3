"""Obligations between members and the clearing runs that set them off, with consent."""
