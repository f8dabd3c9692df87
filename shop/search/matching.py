"""The conditions and the score of the product search, as database expressions.

Every word of a query must be found in a product's title, description,
attribute values (author, publisher…) or seller's name; text is compared
without accents or case (``shop_unaccent``). An ISBN, with or without hyphens,
or a product code finds the product whose UPC it is (books' UPC is their
ISBN-13).

Each place a word may be found is a subquery of product ids over one table,
used both to filter and to score: PostgreSQL answers each once, from that
table's index (shop/search/migrations/0001), and never computes text row by
row over the catalogue.

PostgreSQL also matches French word forms ("hiver" finds "hivers", through
the full-text documents) and near misses ("Lachanse" finds "Lachance",
through trigram word similarity). SQLite matches the words as typed, inside
longer words too ("hiver" is inside "hivers").

The score puts title and author matches before publisher, seller and
description matches; an exact ISBN or code comes first of all.
"""

from django.db.models import BooleanField, Case, F, Func, IntegerField, Q, TextField, Value, When
from django.utils.functional import cached_property
from oscar.core.loading import get_model

from .text import isbn_candidates, normalise, query_words

Product = get_model("catalogue", "Product")
ProductAttributeValue = get_model("catalogue", "ProductAttributeValue")
Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")

AUTHOR, PUBLISHER = "author", "publisher"
SCORES = {"code": 100, "title": 10, "author": 8, "title_forms": 5, "publisher": 4, "seller": 2, "text": 1}
FRENCH_QUERY = "plainto_tsquery('pg_catalog.french'::regconfig, %(expressions)s)"


def unaccented(field):
    return Func(F(field), function="shop_unaccent", output_field=TextField())


def _operator(left, operator, right):
    """``left <operator> right`` as a condition (a ``%`` in ``operator`` doubled)."""
    return Func(left, right, template="%(expressions)s", arg_joiner=f" {operator} ",
                output_field=BooleanField())


def _french_match(document, word):
    return _operator(document, "@@", Func(Value(word), template=FRENCH_QUERY))


class Matcher:
    """The search conditions and score of one query on one database vendor."""

    def __init__(self, query, *, vendor):
        self.query = (query or "").strip()
        self.words = query_words(self.query)
        self.codes = isbn_candidates(self.query)
        self.postgresql = vendor == "postgresql"

    def __bool__(self):
        return bool(self.words or self.codes)

    def condition(self):
        """Products matching the whole query: its ISBN or code, or each of its words."""
        if self.codes:
            return self._code_condition()
        condition = Q()
        for word in self.words:
            condition &= self._word_condition(word)
        return condition

    def score(self):
        """How well a product matches: the sum over the words of the places each is found in."""
        if self.codes:  # only the products of that code match: nothing else to weigh
            return Case(When(self._code_condition(), then=Value(SCORES["code"])), default=Value(0),
                        output_field=IntegerField())
        terms = [(SCORES["code"], self._code_condition())]
        for word in self.words:
            terms.extend((SCORES[name], Q(pk__in=ids)) for name, ids in self._scored_places(word)
                         if ids is not None)
        return sum(
            (Case(When(found, then=Value(points)), default=Value(0)) for points, found in terms),
            Value(0, output_field=IntegerField()),
        )

    def _code_condition(self):
        return Q(upc__in=self.codes or [self.query])

    def _word_condition(self, word):
        places = [self._title(word), self._attribute_values(word), self._sellers(word)]
        if self.postgresql:
            places += [self._document(word), self._near_title(word), self._near_attribute_values(word)]
        else:
            places.append(self._description(word))
        if " " not in self.query:  # perhaps a product's code
            places.append(Product._default_manager.filter(self._code_condition()).values("pk"))
        places = [ids.order_by() for ids in places if ids is not None]
        return Q(pk__in=places[0].union(*places[1:]))

    def _scored_places(self, word):
        yield "title", self._title(word)
        yield "author", self._attribute_values(word, code=AUTHOR)
        yield "publisher", self._attribute_values(word, code=PUBLISHER)
        yield "seller", self._sellers(word)
        if self.postgresql:
            yield "title_forms", self._title_forms(word)
            yield "text", self._document(word)
        else:
            yield "text", self._description(word)

    # Each place: the ids of the products that have ``word`` there.

    @staticmethod
    def _title(word):
        return Product._default_manager.alias(text=unaccented("title")).filter(text__contains=word).values("pk")

    @staticmethod
    def _description(word):
        products = Product._default_manager.alias(text=unaccented("description"))
        return products.filter(text__contains=word).values("pk")

    @staticmethod
    def _attribute_values(word, code=None):
        values = ProductAttributeValue._default_manager.alias(text=unaccented("value_text"))
        if code:
            values = values.filter(attribute__code=code)
        return values.filter(text__contains=word).values("product_id")

    @cached_property
    def _seller_names(self):
        """Every seller's name, cleaned: a few dozen rows, read once per search."""
        return {pk: normalise(name) for pk, name in Partner._default_manager.values_list("pk", "name")}

    def _sellers(self, word):
        """The products of the sellers whose name has ``word``; None when no seller's has it.

        Sellers are matched here rather than in the database so that a word found
        in no seller's name costs nothing, and one found in a seller's name is
        known to match all of that seller's products.
        """
        sellers = [pk for pk, name in self._seller_names.items() if word in name]
        if not sellers:
            return None
        return StockRecord._default_manager.filter(partner_id__in=sellers).values("product_id")

    @staticmethod
    def _document(word):
        document = Func(F("title"), F("description"), function="shop_product_document")
        return Product._default_manager.filter(_french_match(document, word)).values("pk")

    @staticmethod
    def _title_forms(word):
        document = Func(F("title"), function="shop_title_document")
        return Product._default_manager.filter(_french_match(document, word)).values("pk")

    @staticmethod
    def _near_title(word):
        return Product._default_manager.filter(_operator(Value(word), "<%%", unaccented("title"))).values("pk")

    @staticmethod
    def _near_attribute_values(word):
        near = _operator(Value(word), "<%%", unaccented("value_text"))
        return ProductAttributeValue._default_manager.filter(near).values("product_id")
