"""Settings and URLs of the node bench/web.py serves: the real node plus one bare view."""
