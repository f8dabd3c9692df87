"""Phone numbers typed in any usual way become E.164; anything else is refused with None."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from shop.notifications.phones import national, to_e164

AREA_CODES = ["514", "438", "263", "450", "579", "354", "418", "581", "367", "819", "873",
              "468", "613", "343", "416", "647", "437", "604", "778"]
E164 = re.compile(r"\+[1-9]\d{6,14}", re.ASCII)
FORMS = [
    "{a}{x}{n}", "{a} {x}-{n}", "({a}) {x}-{n}", "{a}.{x}.{n}", "1-{a}-{x}-{n}", "+1 {a} {x} {n}",
    "1 ({a}) {x} {n}", " {a}-{x}-{n} ", "+1({a}){x}-{n}", "{a}  {x}  {n}",
]


@st.composite
def canadian_numbers(draw):
    """A Canadian number, and the way someone typed it."""
    area = draw(st.sampled_from(AREA_CODES))
    exchange = str(draw(st.integers(200, 999)))
    if exchange[1:] == "11":  # N11 codes (411, 911…) are services, not exchanges
        exchange = exchange[0] + "23"
    line = f"{draw(st.integers(0, 9999)):04d}"
    typed = draw(st.sampled_from(FORMS)).format(a=area, x=exchange, n=line)
    return "+1" + area + exchange + line, typed


@settings(max_examples=100, deadline=None)
@given(canadian_numbers())
def test_a_number_in_any_usual_form_becomes_e164(number):
    e164, typed = number
    assert to_e164(typed) == e164


@settings(max_examples=100, deadline=None)
@given(canadian_numbers())
def test_e164_is_kept_and_said_back_the_local_way(number):
    e164, _typed = number
    assert to_e164(e164) == e164
    said = national(e164)
    assert not said.startswith("+") and to_e164(said) == e164


@settings(max_examples=100, deadline=None)
@given(st.one_of(st.text(max_size=60), st.text(alphabet="0123456789 +-().", max_size=30),
                 st.integers(), st.binary(max_size=20)))
def test_anything_is_e164_or_refused_never_an_exception(raw):
    result = to_e164(raw)
    assert result is None or E164.fullmatch(result)
    if result is not None:
        assert to_e164(result) == result


@settings(max_examples=50, deadline=None)
@given(st.text(alphabet="0123456789", min_size=1, max_size=6))
def test_too_short_numbers_are_refused(digits):
    assert to_e164(digits) is None


@settings(max_examples=50, deadline=None)
@given(st.text(min_size=251, max_size=2000))
def test_huge_input_is_refused(raw):
    assert to_e164(raw) is None
