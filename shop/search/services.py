"""Rebuilding the search documents and the lexicon (shop.search.models).

The database keeps them right by itself (triggers, shop/search/migrations/0004);
``rebuild_documents`` is for what triggers cannot know: a restored database
from before them, a changed attribute code, or words no product uses any more
(the lexicon only grows between rebuilds). PostgreSQL only; nothing to do on
SQLite.
"""

from django.db import connection, transaction
from oscar.core.loading import get_model

from .models import SearchWord

Product = get_model("catalogue", "Product")

BATCH = 2000


def rebuild_documents(*, product_ids=None, progress=lambda done, total: None):
    """Rebuild the documents of ``product_ids`` (of every product when None, and
    then the lexicon from scratch), ``BATCH`` products at a time; returns how many.

    ``progress(done, total)`` is called after each batch.
    """
    if connection.vendor != "postgresql":
        return 0
    ids = list(Product._default_manager.order_by("pk").values_list("pk", flat=True)
               if product_ids is None else sorted(set(product_ids)))
    with transaction.atomic():
        if product_ids is None:
            SearchWord._default_manager.all().delete()
        for start in range(0, len(ids), BATCH):
            with connection.cursor() as cursor:
                cursor.execute("SELECT public.shop_refresh_product_documents(%s::integer[])",
                               [ids[start:start + BATCH]])
            progress(min(start + BATCH, len(ids)), len(ids))
    return len(ids)
