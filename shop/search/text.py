"""What a search query is made of: its words, cleaned as the database cleans text.

``normalise`` is the Python twin of the database function ``shop_unaccent``
(see shop/search/migrations/0001 on PostgreSQL, shop.search.apps on SQLite):
accents and ligatures removed, lower case, typographic apostrophes made plain.
A query and the text it is compared with are always cleaned the same way.
"""

import re
import unicodedata

MAX_WORDS = 8
LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss", "’": "'", "‘": "'"})
ISBN_CHARACTERS = re.compile(r"^[0-9Xx][0-9Xx \-]{8,30}$")


def normalise(text):
    """``text`` without accents, in lower case ("Hébert" → "hebert"); None stays None."""
    if text is None:
        return None
    decomposed = unicodedata.normalize("NFKD", text.translate(LIGATURES))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def query_words(query):
    """The distinct words of ``query``, cleaned, in order, at most ``MAX_WORDS``.

    Words are split on anything that is not a letter or a digit ("L'hiver" →
    "l", "hiver"); one-letter words are dropped when longer ones remain.
    """
    words = list(dict.fromkeys(re.findall(r"\w+", normalise(query or ""))))
    longer = [word for word in words if len(word) > 1]
    return (longer or words)[:MAX_WORDS]


def isbn_candidates(query):
    """The ISBN-13 forms ``query`` may stand for, or an empty list.

    Hyphens and spaces are ignored; an ISBN-10 gives its ISBN-13 (prefix 978,
    new check digit), which is what books' UPCs hold.
    """
    if not ISBN_CHARACTERS.match((query or "").strip()):
        return []
    digits = re.sub(r"[ \-]", "", query.strip()).upper()
    if len(digits) == 13 and digits.isdigit():
        return [digits]
    if len(digits) == 10 and digits[:9].isdigit():
        return [digits, isbn13_from_isbn10(digits)]
    return []


def isbn13_from_isbn10(isbn10):
    """The ISBN-13 of an ISBN-10 ("2-925-00101-X" style, hyphens removed)."""
    body = "978" + isbn10[:9]
    total = sum(int(digit) * (1 if i % 2 == 0 else 3) for i, digit in enumerate(body))
    return body + str((10 - total % 10) % 10)
