"""What makes the cached catalogue parts stale (shop.catalogue.cache)."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from oscar.core.loading import get_model

from shop.catalogue.cache import bump_catalogue_version

SHOWN_ON_CATALOGUE_PAGES = [
    ("catalogue", "Product"),
    ("catalogue", "ProductClass"),
    ("catalogue", "Category"),
    ("catalogue", "ProductCategory"),
    ("catalogue", "ProductImage"),
    ("catalogue", "ProductAttributeValue"),
    ("catalogue", "ProductRecommendation"),
    ("partner", "Partner"),
    ("partner", "StockRecord"),
    ("reviews", "ProductReview"),
    ("rentals", "RentableItem"),
    ("rentals", "Unit"),
    ("rentals", "Reservation"),
    ("rentals", "MaintenancePeriod"),
]


def catalogue_changed(sender, **kwargs):
    if kwargs.get("raw"):  # loading fixtures
        return
    bump_catalogue_version()


def connect():
    for app_label, model_name in SHOWN_ON_CATALOGUE_PAGES:
        try:
            model = get_model(app_label, model_name)
        except LookupError:  # an app the project does not install
            continue
        uid = f"catalogue-cache-{app_label}.{model_name}"
        post_save.connect(catalogue_changed, sender=model, dispatch_uid=uid + "-save")
        post_delete.connect(catalogue_changed, sender=model, dispatch_uid=uid + "-delete")
    product = get_model("catalogue", "Product")
    m2m_changed.connect(
        catalogue_changed, sender=product.categories.through, dispatch_uid="catalogue-cache-categories"
    )
