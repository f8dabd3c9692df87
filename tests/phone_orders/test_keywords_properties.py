"""Whatever text arrives by SMS, the parser answers a known command or "not understood"."""

import string

from hypothesis import given, settings
from hypothesis import strategies as st

from phone_orders.keywords import KEYWORDS, fold, parse
from phone_orders.models import Command

COMMANDS = set(Command.values)
ACCENTED = {"E": "ÉÈÊË", "A": "ÀÂÄ", "I": "ÎÏ", "O": "ÔÖ", "U": "ÙÛÜ", "C": "Ç"}
# Characters that are no letter once folded: what may come around a keyword.
SEPARATORS = st.text(alphabet=string.punctuation + string.digits + " \t\n\r¡¿«»—…🙂", max_size=6)
ANY_TEXT = st.text(alphabet=st.characters(codec="utf-8"), max_size=300)


@st.composite
def written_keyword(draw):
    """A keyword as people type it: any case, accents on some letters."""
    keyword = draw(st.sampled_from(sorted(KEYWORDS)))
    letters = []
    for letter in keyword:
        if letter in ACCENTED and draw(st.booleans()):
            letter = draw(st.sampled_from(ACCENTED[letter]))
        letters.append(letter.lower() if draw(st.booleans()) else letter)
    return keyword, "".join(letters)


@settings(max_examples=100, deadline=None)
@given(ANY_TEXT)
def test_any_text_gets_a_known_command_and_never_an_exception(body):
    parsed = parse(body)
    assert parsed.command in COMMANDS
    assert parsed.language in {None, "fr", "en"}


@settings(max_examples=100, deadline=None)
@given(written_keyword(), SEPARATORS, SEPARATORS.filter(lambda s: s), ANY_TEXT)
def test_a_keyword_first_is_understood_whatever_comes_around_it(keyword, before, after, rest):
    canonical, written = keyword
    parsed = parse(before + written + after + rest)
    assert parsed == KEYWORDS[canonical]


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_a_message_without_any_latin_letter_is_not_understood(body):
    if any("A" <= c <= "Z" for c in fold(body)):
        return
    assert parse(body).command == Command.UNKNOWN


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=string.ascii_letters, min_size=1, max_size=12), ANY_TEXT)
def test_a_first_word_that_is_no_keyword_is_not_understood(word, rest):
    if word.upper() in KEYWORDS:
        return
    assert parse(word + " " + rest).command == Command.UNKNOWN
