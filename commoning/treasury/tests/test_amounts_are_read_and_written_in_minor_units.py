"""Amounts people type become integer minor units by the currency's exponent, and back."""

import pytest

from commoning.core.fields import FieldError
from commoning.treasury.money import format_minor, parse_amount


def test_it_reads_amounts_by_the_currency_exponent():
    assert parse_amount("12.5", 2) == 1250
    assert parse_amount("12,05", 2) == 1205
    assert parse_amount("7", 0) == 7
    assert parse_amount("0.001", 3) == 1


@pytest.mark.parametrize("text", ["", "-3", "1e3", "12.345", "0", "0.00", "abc", "1" * 30, None])
def test_it_refuses_what_is_no_amount_of_a_two_decimal_currency(text):
    with pytest.raises(FieldError):
        parse_amount(text, 2)


def test_it_writes_minor_units_back():
    assert format_minor(1250, 2) == "12.50"
    assert format_minor(-5, 2) == "-0.05"
    assert format_minor(7, 0) == "7"
