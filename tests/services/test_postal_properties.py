"""Postal codes: every valid one is accepted in any case and spacing and written "H3C 1A1";
anything else is refused with a clear error, never an exception."""

import re
import string

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from services.forms import PostalCodeField
from services.postal import forward_sortation_area, normalize_postal_code

FIRST = "ABCEGHJKLMNPRSTVXY"
OTHER = "ABCEGHJKLMNPRSTVWXYZ"
NORMAL = re.compile(r"[A-Z]\d[A-Z] \d[A-Z]\d", re.ASCII)
SPACING = st.text(alphabet=" \t-", max_size=2)
REFUSED = "Entrez un code postal comme H4C 1S3."
NULL_CHARACTER = "Le caractère nul n’est pas autorisé."  # Django's own check, first


@st.composite
def postal_codes(draw):
    """A valid code ("H3C 1A1") and the way someone typed it (" h3c-1a1 ")."""
    chars = [draw(st.sampled_from(FIRST)), draw(st.sampled_from(string.digits)),
             draw(st.sampled_from(OTHER)), draw(st.sampled_from(string.digits)),
             draw(st.sampled_from(OTHER)), draw(st.sampled_from(string.digits))]
    typed = draw(st.text(alphabet=" ", max_size=2))
    for char in chars:
        typed += (char.lower() if draw(st.booleans()) else char) + draw(SPACING)
    return "".join(chars[:3]) + " " + "".join(chars[3:]), typed


def field_result(value):
    from django.core.exceptions import ValidationError

    try:
        return PostalCodeField().clean(value), None
    except ValidationError as error:
        return None, error.messages


@settings(max_examples=100, deadline=None)
@given(postal_codes())
def test_a_valid_code_in_any_case_and_spacing_is_normalised(code):
    normal, typed = code
    assert normalize_postal_code(typed) == normal
    assert forward_sortation_area(typed) == normal[:3]


@settings(max_examples=100, deadline=None)
@given(postal_codes())
def test_the_form_field_accepts_it_too(code):
    normal, typed = code
    assert field_result(typed) == (normal, None)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=40))
def test_any_text_is_normalised_or_refused_never_an_exception(value):
    normal = normalize_postal_code(value)
    assert normal == "" or NORMAL.fullmatch(normal)


@settings(max_examples=100, deadline=None)
@given(st.text(min_size=1, max_size=40))
def test_the_form_field_refuses_anything_else_with_a_clear_error(value):
    assume(value.strip() and not normalize_postal_code(value))
    cleaned, errors = field_result(value)
    assert cleaned is None
    assert errors == [NULL_CHARACTER if "\x00" in value else REFUSED]


@settings(max_examples=50, deadline=None)
@given(postal_codes(), st.sampled_from(["٣", "３", "𝟑", "³"]))
def test_digits_of_other_scripts_are_refused(code, digit):
    _normal, typed = code
    odd = re.sub(r"\d", digit, typed, count=1)
    assert normalize_postal_code(odd) == ""
    assert field_result(odd) == (None, [REFUSED])


@settings(max_examples=50, deadline=None)
@given(st.sampled_from(["D", "F", "I", "O", "Q", "U", "W", "Z"]), postal_codes())
def test_letters_canada_post_never_uses_first_are_refused(letter, code):
    normal, _typed = code
    assert normalize_postal_code(letter + normal[1:]) == ""
