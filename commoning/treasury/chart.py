"""The transparency page's chart: income and spending per month as plain SVG text, built on the
server (no JavaScript), with a title and description for screen readers."""

from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from commoning.treasury.money import format_minor

WIDTH, HEIGHT, BOTTOM, LEFT = 640, 220, 190, 8


def month_chart(totals, exponent: int, currency: str) -> str:
    """An SVG of paired bars (income, spending) for each month in `totals` (MonthTotal rows)."""
    title = _("Income and spending per month, in %(currency)s") % {"currency": currency}
    description = "; ".join(
        _("%(month)s: income %(income)s, spending %(spending)s") % {
            "month": row.month, "income": format_minor(row.income_minor, exponent),
            "spending": format_minor(row.spending_minor, exponent)}
        for row in totals) or _("No income or spending yet.")
    peak = max([1] + [max(row.income_minor, row.spending_minor) for row in totals])
    slot = (WIDTH - LEFT) // max(1, len(totals))
    bar = max(2, slot // 3)
    bars = []
    for index, row in enumerate(totals):
        x = LEFT + index * slot
        for offset, value, css in ((0, row.income_minor, "income"),
                                   (bar, row.spending_minor, "spending")):
            height = (max(0, value) * (BOTTOM - 20)) // peak  # integers: no float in sight
            bars.append((css, x + offset, BOTTOM - height, bar, height))
        bars.append(("label", x, HEIGHT - 10, 0, row.month))
    shapes = format_html_join(
        "", "{}", [(_shape(*item),) for item in bars])
    return format_html(
        '<svg class="treasury-chart" role="img" viewBox="0 0 {} {}" width="100%" '
        'aria-labelledby="chart-title chart-desc" xmlns="http://www.w3.org/2000/svg">'
        '<title id="chart-title">{}</title><desc id="chart-desc">{}</desc>'
        '<line x1="0" y1="{}" x2="{}" y2="{}" stroke="currentColor" stroke-width="1"/>{}</svg>',
        WIDTH, HEIGHT, title, description, BOTTOM, WIDTH, BOTTOM, shapes)


def _shape(css, x, y, width, height_or_text):
    if css == "label":
        return format_html('<text x="{}" y="{}" font-size="11" fill="currentColor">{}</text>',
                           x, y, height_or_text)
    fill = "#2f7d4f" if css == "income" else "#b5502b"
    return format_html('<rect class="{}" x="{}" y="{}" width="{}" height="{}" fill="{}"/>',
                       css, x, y, width, height_or_text, fill)
