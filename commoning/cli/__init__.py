"""The `commoning` command (Typer + Rich)."""
