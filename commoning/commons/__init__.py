"""Commons: projects around a common object (a design, a text, a seed bank), under a licence."""
