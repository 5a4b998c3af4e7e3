"""Template tags of the front end."""
