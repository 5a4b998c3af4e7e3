"""The market's one seam to the credit app: which currencies exist, and how an amount reads.
Prices name a credit currency; everything the market knows of money passes through here.
Imports of credit are inside the functions, so the market's rules load before credit's."""


def exists(net: str, currency_id: str) -> bool:
    """Whether a credit currency exists in this network (read from credit's projection, which
    a rule may do: the rules that call this demand the currency in deps)."""
    from commoning.credit.access import currency_by_id

    return currency_by_id(net, currency_id) is not None


def of_network(net: str):
    from commoning.credit.access import currencies_in

    return list(currencies_in(net))


def by_ids(net: str, currency_ids) -> dict:
    wanted = {currency_id for currency_id in currency_ids if currency_id}
    return {c.id: c for c in of_network(net) if c.id in wanted}


def price_words(currency, amount_minor: int) -> str:
    from commoning.credit.money import format_amount

    return format_amount(amount_minor, currency.exponent, currency.symbol)


def amount_text(currency, amount_minor: int) -> str:
    """An amount as a form shows it for editing: '12.50', without the symbol."""
    from commoning.credit.money import format_amount

    return format_amount(amount_minor, currency.exponent)
