from datetime import date
from decimal import Decimal

import pytest

from compliance.dates import DateError, format_long, parse_date
from compliance.money import AmountError, as_json_amount, format_amount, format_kr, parse_amount


@pytest.mark.parametrize(
    "text, expected",
    [
        ("12 345,50", "12345.50"),
        ("12 345 kr", "12345.00"),
        ("-1 200", "-1200.00"),
        ("1 234 567", "1234567.00"),
        ("1\u00a0234\u00a0567", "1234567.00"),  # non-breaking spaces, as Excel exports
        ("1\u202f234,5", "1234.50"),  # narrow no-break space
        ("12345.50", "12345.50"),
        ("1.234.567,00", "1234567.00"),
        ("250 000 kronor", "250000.00"),
        ("\u22121 200", "-1200.00"),  # Unicode minus
        ("0", "0.00"),
        ("-0", "0.00"),
        ("+500", "500.00"),
        ("99,999", None),  # three decimals: not a Swedish amount
    ],
)
def test_amount_forms(text, expected):
    if expected is None:
        with pytest.raises(AmountError):
            parse_amount(text)
    else:
        assert parse_amount(text) == Decimal(expected)
        assert str(parse_amount(text)) == expected


@pytest.mark.parametrize("value, expected", [(1200, "1200.00"), (12345.5, "12345.50"), (Decimal("3.005"), "3.01")])
def test_amounts_from_spreadsheet_cells(value, expected):
    assert str(parse_amount(value)) == expected


@pytest.mark.parametrize("text", ["12 3OO", "", "tolvtusen", "1e308", "12,34,56", "kr", "NaN", "1 2 3 4,5,6"])
def test_amount_rejections(text):
    with pytest.raises(AmountError):
        parse_amount(text)


def test_infinite_float_rejected():
    with pytest.raises(AmountError):
        parse_amount(float("inf"))


@pytest.mark.parametrize(
    "amount, plain, money",
    [
        (Decimal("1234567"), "1 234 567,00", "1 234 567 kr"),
        (Decimal("12345.50"), "12 345,50", "12 345,50 kr"),
        (Decimal("-1200"), "-1 200,00", "-1 200 kr"),
        (Decimal("999"), "999,00", "999 kr"),
    ],
)
def test_swedish_formatting(amount, plain, money):
    assert format_amount(amount) == plain
    assert format_kr(amount) == money


def test_json_amount_form():
    assert as_json_amount(Decimal("12345.5")) == "12345.50"


@pytest.mark.parametrize(
    "text, expected",
    [("2022-03-31", date(2022, 3, 31)), ("20220331", date(2022, 3, 31)), ("31/3 2022", date(2022, 3, 31)),
     ("1/12 2022", date(2022, 12, 1)), ("2022-3-1", date(2022, 3, 1))],
)
def test_date_forms(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["31/2 2022", "2022-02-30", "mars 2022", "31.03.2022", "2022/03/31", "20221340"])
def test_date_rejections(text):
    with pytest.raises(DateError):
        parse_date(text)


def test_long_date():
    assert format_long(date(2023, 3, 31)) == "31 mars 2023"
