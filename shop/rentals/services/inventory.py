"""Stock levels of a seller's products: adjustments with a reason and a history."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from shop.rentals.models import StockAdjustment

StockRecord = get_model("partner", "StockRecord")


def stock_adjust(*, stockrecord, delta: int, reason: str, note: str = "", by=None
                 ) -> StockAdjustment:
    """Move ``stockrecord``'s level by ``delta`` and record why; refuses a level below zero."""
    if delta == 0:
        raise ValidationError(_("The change cannot be zero."), code="zero")
    with transaction.atomic():
        record = StockRecord._default_manager.select_for_update().get(pk=stockrecord.pk)
        level = (record.num_in_stock or 0) + delta
        if level < 0:
            raise ValidationError(
                _("Only %(level)d in stock: cannot take away %(count)d.")
                % {"level": record.num_in_stock or 0, "count": -delta}, code="negative",
            )
        record.num_in_stock = level
        record.save(update_fields=["num_in_stock", "date_updated"])
        return StockAdjustment._default_manager.create(
            stockrecord=record, delta=delta, level_after=level, reason=reason, note=note,
            created_by=by,
        )


def stock_threshold_set(*, stockrecord, threshold: int | None):
    """Set (or clear, with None) the level at or below which the product is low in stock."""
    StockRecord._default_manager.filter(pk=stockrecord.pk).update(low_stock_threshold=threshold)
    stockrecord.low_stock_threshold = threshold
    return stockrecord
