"""The product search on PostgreSQL: the stored, weighted documents (shop.search.models).

Every word of a query must be in a product's document (title, author,
publisher and other attribute values, sellers' names, description), as a
French word form without accents: "hiver" finds "hivers". A word found in no
title, attribute value or seller's name may be misspelt: its nearest words
in the lexicon (trigram similarity, at most ``NEAR_WORDS``) are searched
too, so "Tremblai" finds "Tremblay". One query reads the lexicon; the search
itself reads the documents through their GIN index and never scans the
catalogue.

Ranking: an ISBN or product code first of all, then ``ts_rank`` over the
weights (title, then author, then publisher and seller, then description);
shop.search.selectors adds the tie-breaks. ``best`` ranks from the documents'
table alone (it carries each product's public state, priority and title), so
that a word found in thousands of products costs one pass over their
documents, never a join with the catalogue.
"""

from django.contrib.postgres.search import SearchQueryField
from django.db import connection
from django.db.models import Case, F, FloatField, Func, Q, Value, When
from django.db.models.expressions import RawSQL
from django.utils.functional import cached_property
from oscar.core.loading import get_model

from .matching import _operator
from .models import ProductDocument
from .text import isbn_candidates, query_words

Product = get_model("catalogue", "Product")

NEAR_WORDS = 3
CODE_SCORE = 100.0
WEIGHTS = "{0.1, 0.3, 0.8, 1.0}"  # D description, C publisher and seller, B author, A title
FRENCH_QUERY = "plainto_tsquery('pg_catalog.french'::regconfig, %s)"
NEAR_SQL = """
    SELECT typed.word, near.word
      FROM unnest(%s::text[]) AS typed(word)
      CROSS JOIN LATERAL (
            SELECT lexicon.word FROM search_searchword lexicon
             WHERE lexicon.word %% typed.word AND lexicon.word <> typed.word
             ORDER BY similarity(lexicon.word, typed.word) DESC, lexicon.word
             LIMIT %s) AS near
     WHERE length(typed.word) > 3
       AND NOT EXISTS (SELECT 1 FROM search_searchword known WHERE known.word = typed.word)
"""


class DocumentMatcher:
    """The search conditions and score of one query, on the stored documents."""

    def __init__(self, query):
        self.query = (query or "").strip()
        self.words = query_words(self.query)
        self.codes = isbn_candidates(self.query)

    def __bool__(self):
        return bool(self.words or self.codes)

    def condition(self):
        """Products matching the whole query: its ISBN, or each of its words (or its code)."""
        if self.codes:
            return Q(upc__in=self.codes)
        # A product's code is in its document too (weight A).
        return _operator(F("search_document__document"), "@@", self.tsquery())

    def found(self):
        """The documents of the public, canonical products matching the query."""
        return ProductDocument._default_manager.filter(
            _operator(F("document"), "@@", self.tsquery()), browsable=True)

    def best(self, limit):
        """The ids of the ``limit`` best public, canonical products, from the documents
        alone: ranked, then by priority, title and id as the results are."""
        return (self.found().annotate(rank=self._rank("document"))
                .order_by("-rank", "-priority", "title", "product_id")
                .values("product_id")[:limit])

    def score(self):
        if self.codes:
            return Value(CODE_SCORE, output_field=FloatField())
        rank = self._rank("search_document__document")
        code = Case(When(upc=self.query, then=Value(CODE_SCORE)), default=Value(0.0),
                    output_field=FloatField())
        return Func(rank, Value(0.0), function="coalesce", output_field=FloatField()) + code

    def _rank(self, document):
        return Func(F(document), self.tsquery(), output_field=FloatField(),
                    template=f"ts_rank('{WEIGHTS}'::real[], %(expressions)s)")

    def tsquery(self):
        """Every word (or one of its near words), as one French full-text query."""
        sql, params = [], []
        for word in self.words:
            alternatives = [word, *self.near_words.get(word, [])]
            sql.append("(" + " || ".join([FRENCH_QUERY] * len(alternatives)) + ")")
            params.extend(alternatives)
        return RawSQL("(" + " && ".join(sql) + ")", params, output_field=SearchQueryField())

    @cached_property
    def near_words(self):
        """{typed word: its nearest known words}, for the words known nowhere."""
        if not any(len(word) > 3 for word in self.words):
            return {}
        with connection.cursor() as cursor:
            cursor.execute(NEAR_SQL, [self.words, NEAR_WORDS])
            near = {}
            for typed, word in cursor.fetchall():
                near.setdefault(typed, []).append(word)
        return near
