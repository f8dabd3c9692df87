"""Background work of the catalogue."""

from celery import shared_task

from shop.catalogue.views_count import product_views_flush


@shared_task(name="shop.catalogue.tasks.flush_product_views")
def flush_product_views() -> int:
    """The product views counted in Redis, into the products' records (every minute)."""
    return product_views_flush()
