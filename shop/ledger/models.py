"""The seller ledger: an append-only row for every movement of money concerning a seller.

Amounts are signed: positive is owed to the seller, negative is taken from
what it is owed (a refund, the cooperative's fee, a payout). Rows without a
seller are the cooperative's own part (delivery charges and surcharges, the
fees it keeps), so that the rows of one payment add up to what was charged.
Rows are never changed nor deleted: a correction is a new row.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from shop import clock


class EntryKind(models.TextChoices):
    SALE_NET = "sale_net", _("Sale before taxes")
    SALE_GST = "sale_gst", _("GST on a sale")
    SALE_QST = "sale_qst", _("QST on a sale")
    REFUND_NET = "refund_net", _("Refund before taxes")
    REFUND_GST = "refund_gst", _("GST refunded")
    REFUND_QST = "refund_qst", _("QST refunded")
    FEE = "fee", _("Cooperative fee")
    PAYOUT = "payout", _("Payout")
    ADJUSTMENT = "adjustment", _("Adjustment")

    @classmethod
    def sales(cls):
        return (cls.SALE_NET, cls.SALE_GST, cls.SALE_QST)

    @classmethod
    def refunds(cls):
        return (cls.REFUND_NET, cls.REFUND_GST, cls.REFUND_QST)


#: The refund kind mirroring each sale kind.
REFUND_OF = {
    EntryKind.SALE_NET: EntryKind.REFUND_NET,
    EntryKind.SALE_GST: EntryKind.REFUND_GST,
    EntryKind.SALE_QST: EntryKind.REFUND_QST,
}

APPEND_ONLY = "The seller ledger is append-only."


class LedgerEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError(APPEND_ONLY)

    def delete(self):
        raise TypeError(APPEND_ONLY)


class LedgerEntry(models.Model):
    kind = models.CharField(_("kind"), max_length=20, choices=EntryKind.choices)
    seller = models.ForeignKey(
        "partner.Partner", on_delete=models.PROTECT, null=True, blank=True,
        related_name="ledger_entries", verbose_name=_("seller"),
        help_text=_("Empty for the cooperative's own part."),
    )
    order = models.ForeignKey(
        "order.Order", on_delete=models.PROTECT, null=True, blank=True,
        related_name="ledger_entries", verbose_name=_("order"),
    )
    amount = models.DecimalField(
        _("amount"), max_digits=12, decimal_places=2,
        help_text=_("Positive: owed to the seller; negative: taken from what it is owed."),
    )
    reference = models.CharField(
        _("reference"), max_length=128, blank=True,
        help_text=_("The payment or refund that caused it."),
    )
    key = models.CharField(_("unique key"), max_length=255, unique=True)
    created_at = models.DateTimeField(_("recorded"), default=clock.now, db_index=True)

    objects = LedgerEntryQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("ledger entry")
        verbose_name_plural = _("seller ledger")
        indexes = [
            models.Index(fields=["seller", "kind"], name="ledger_seller_kind_idx"),
            # A period's settlement reads an order's rows without the table (PostgreSQL;
            # elsewhere a plain index on the order).
            models.Index(fields=["order"], include=["seller", "kind", "amount"],
                         name="ledger_order_seller_kind_idx"),
        ]

    def __str__(self):
        return f"{self.key}: {self.amount}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TypeError(APPEND_ONLY)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError(APPEND_ONLY)
