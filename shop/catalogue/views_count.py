"""Views of product pages, counted also when the page is served whole from the cache.

A product page rendered afresh sends Oscar's ``product_viewed`` signal, whose
receiver adds one to the product's ``ProductRecord.num_views``. A page served
whole from the cache (shop.catalogue.page_cache) touches no database: its view
is added to a Redis hash instead, and ``product_views_flush`` (a beat task,
every minute) moves the pending counts into the records. With no Redis (the
demo's in-process cache) the pending counts wait in that cache until a flush.
A view seen while Redis is unreachable is not counted.
"""

import logging

from django.core.cache import cache
from django.db.models import F
from oscar.core.loading import get_model

from shop.cache import UNREACHABLE

logger = logging.getLogger(__name__)

PENDING_KEY = "catalogue:views:pending"


def _redis():
    """The cache's Redis client, or None when the cache is not Redis."""
    client = getattr(cache, "_cache", None)
    if client is None or not hasattr(client, "get_client"):
        return None
    return client.get_client(write=True)


def product_view_count(*, product_id: int) -> None:
    """One more view of the product whose page was served from the cache."""
    redis = _redis()
    if redis is None:
        _pending_in_cache(int(product_id))
        return
    try:
        redis.hincrby(cache.make_key(PENDING_KEY), int(product_id), 1)
    except UNREACHABLE as exc:
        logger.warning("Product view not counted, the cache is unreachable: %s", exc)


def product_views_flush() -> int:
    """Move the views counted in Redis into the products' records; returns how many."""
    redis = _redis()
    if redis is None:
        counts = _pending_from_cache()
        _add_views(counts)
        return sum(counts.values())
    key = cache.make_key(PENDING_KEY)
    pipe = redis.pipeline(transaction=True)
    pipe.hgetall(key)
    pipe.delete(key)
    pending, _ = pipe.execute()
    counts = {int(product_id): int(views) for product_id, views in pending.items()}
    _add_views(counts)
    return sum(counts.values())


def _pending_in_cache(product_id: int) -> None:
    """Without Redis: one process's cache, where get-then-set is safe enough."""
    pending = cache.get(PENDING_KEY) or {}
    pending[product_id] = pending.get(product_id, 0) + 1
    cache.set(PENDING_KEY, pending, timeout=None)


def _pending_from_cache() -> dict[int, int]:
    pending = cache.get(PENDING_KEY) or {}
    cache.delete(PENDING_KEY)
    return pending


def _add_views(counts: dict[int, int]) -> None:
    Product = get_model("catalogue", "Product")
    ProductRecord = get_model("analytics", "ProductRecord")
    existing = set(Product.objects.filter(pk__in=counts).values_list("pk", flat=True))
    for product_id, views in counts.items():
        if product_id not in existing:
            continue  # deleted since
        records = ProductRecord.objects.filter(product_id=product_id)
        if not records.update(num_views=F("num_views") + views):
            record, created = ProductRecord.objects.get_or_create(
                product_id=product_id, defaults={"num_views": views})
            if not created:
                records.update(num_views=F("num_views") + views)
