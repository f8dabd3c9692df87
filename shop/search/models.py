"""What the product search reads on PostgreSQL (shop.search.documents).

``ProductDocument``: one weighted full-text document per product (title A,
author B, publisher and seller's name C, description D), French, without
accents. ``SearchWord``: the distinct words of titles, attribute values and
sellers' names, without accents, for near misses. Both are kept right by the
database itself (triggers, shop/search/migrations/0003), whatever wrote the
product, its attribute values or its stock records; ``manage.py
rebuild_search_index`` rebuilds them. On SQLite they stay empty: the search
reads the products' own columns there (shop.search.matching).
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models


class ProductDocument(models.Model):
    product = models.OneToOneField("catalogue.Product", on_delete=models.CASCADE, primary_key=True,
                                   related_name="search_document")
    document = SearchVectorField(null=True)
    # The product's own, copied so that the best matches are ranked from this
    # table alone (shop.search.documents.DocumentMatcher.best).
    browsable = models.BooleanField(default=False)
    priority = models.SmallIntegerField(default=0)
    title = models.CharField(max_length=255, blank=True, default="")

    class Meta:
        app_label = "search"

    def __str__(self):
        return f"search document of product {self.product_id}"


class SearchWord(models.Model):
    word = models.CharField(max_length=255, primary_key=True)

    class Meta:
        app_label = "search"

    def __str__(self):
        return self.word
