"""Validation of Dutch identifiers gives clear Dutch messages."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.rules import identifiers
from app.services.demo_people import bsn as random_bsn
from app.services.demo_people import iban as random_iban


@pytest.mark.parametrize("value", ["111222333", "123456782", "1112.22.333", " 111 222 333 "])
def test_valid_bsn(value: str) -> None:
    assert identifiers.bsn_error(value) is None


@pytest.mark.parametrize(
    ("value", "fragment"),
    [("", "Vul het BSN in"), ("12345678a", "9 cijfers"), ("123456789", "elfproef"), ("1234", "9 cijfers")],
)
def test_invalid_bsn(value: str, fragment: str) -> None:
    message = identifiers.bsn_error(value)
    assert message is not None and fragment in message


@given(st.integers(min_value=0, max_value=2**32))
def test_demo_bsns_pass_the_elfproef(seed: int) -> None:
    import random

    assert identifiers.bsn_error(random_bsn(random.Random(seed))) is None


@given(st.integers(min_value=0, max_value=2**32))
def test_demo_ibans_pass_mod97(seed: int) -> None:
    import random

    assert identifiers.iban_error(random_iban(random.Random(seed))) is None


def test_iban() -> None:
    assert identifiers.iban_error("NL91 ABNA 0417 1643 00") is None
    assert identifiers.iban_error("") is None
    message = identifiers.iban_error("NL91ABNA0417164301")
    assert message is not None and "IBAN" in message
    assert identifiers.format_iban("NL91ABNA0417164300") == "NL91 ABNA 0417 1643 00"


@pytest.mark.parametrize(
    ("raw", "normal"), [("1697ab", "1697 AB"), ("1697 AB", "1697 AB"), (" 1234 xy ", "1234 XY")]
)
def test_postcode_normalised(raw: str, normal: str) -> None:
    assert identifiers.postcode_error(raw) is None
    assert identifiers.normalise_postcode(raw) == normal


@pytest.mark.parametrize("raw", ["0123 AB", "12345", "1234 A", "1234 SS", "ABCD EF"])
def test_postcode_refused(raw: str) -> None:
    assert identifiers.postcode_error(raw) == "Vul een postcode in zoals 1234 AB."


def test_birth_date() -> None:
    today = date(2026, 11, 30)
    assert identifiers.birth_date_error(date(2026, 12, 1), today) == "De geboortedatum ligt in de toekomst."
    assert identifiers.birth_date_error(date(1890, 1, 1), today) is not None
    assert identifiers.birth_date_error(date(2003, 5, 14), today) is None
    assert identifiers.birth_date_error(None, today) is None


def test_email_and_phone() -> None:
    assert identifiers.email_error("sanne@example.nl") is None
    assert identifiers.email_error("sanne@") is not None
    assert identifiers.phone_error("06 12345678") is None
    assert identifiers.phone_error("12") is not None
