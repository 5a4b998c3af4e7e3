"""Tables of the `commoning` command that fit the terminal: every column folds a long value
(an id, a URL, an error) onto more lines instead of cutting it with an ellipsis, so nothing
printed is lost on a narrow screen."""

from rich.table import Table


def folding_table(*headers: str, **options) -> Table:
    """A Rich table whose columns fold; `options` go to Table (title, show_header...)."""
    table = Table(**options)
    for header in headers:
        table.add_column(header, overflow="fold")
    return table


def add_folding_column(table: Table, header: str, **options) -> None:
    table.add_column(header, overflow="fold", **options)
