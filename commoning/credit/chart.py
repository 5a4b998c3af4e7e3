"""A server-rendered SVG of an account's recent balance: no JavaScript, no per-row queries."""

from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

WIDTH, HEIGHT, PAD = 600, 120, 6


def balance_chart(balance_minor: int, recent_newest_first) -> str:
    """An SVG polyline of the balance after each of the recent movements (oldest on the left),
    walked back from the current balance, with the zero line; "" with under two points."""
    balances = [balance_minor]
    for movement in recent_newest_first:
        balances.append(balances[-1] - movement.amount_minor)
    balances.reverse()
    if len(balances) < 2:
        return ""
    low, high = min(*balances, 0), max(*balances, 0)
    span = (high - low) or 1
    step = (WIDTH - 2 * PAD) / (len(balances) - 1)

    def y(value):
        return round(PAD + (high - value) * (HEIGHT - 2 * PAD) / span, 1)

    points = " ".join(f"{round(PAD + index * step, 1)},{y(value)}"
                      for index, value in enumerate(balances))
    zero = y(0)
    return format_html(
        '<svg class="balance-chart" viewBox="0 0 {} {}" role="img" aria-label="{}">'
        '<line x1="0" x2="{}" y1="{}" y2="{}" stroke="currentColor" stroke-opacity="0.3"/>'
        '<polyline fill="none" stroke="currentColor" stroke-width="2" points="{}"/>{}</svg>',
        WIDTH, HEIGHT, _("Balance over recent payments"), WIDTH, zero, zero, points,
        format_html_join("", '<circle cx="{}" cy="{}" r="2"/>',
                         ((round(PAD + i * step, 1), y(v)) for i, v in enumerate(balances))),
    )
