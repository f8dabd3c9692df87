"""A person's prepaid balance, kept as append-only movements.

``BalanceEntry`` amounts are signed: positive is money credited to the person
(cash or a cheque received, an order refunded), negative is money spent (an
order paid from the balance). The balance is the sum of a person's rows. Rows
are never changed nor deleted: a correction is a new ``adjustment`` row.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from shop import clock

APPEND_ONLY = "The balance movements are append-only."


class EntryKind(models.TextChoices):
    CASH = "cash", _("Cash received")
    CHEQUE = "cheque", _("Cheque received")
    ORDER_PAYMENT = "order_payment", _("Order paid")
    ORDER_REFUND = "order_refund", _("Order refunded")
    ADJUSTMENT = "adjustment", _("Adjustment")


class BalanceEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError(APPEND_ONLY)

    def delete(self):
        raise TypeError(APPEND_ONLY)


class BalanceEntry(models.Model):
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="balance_entries",
        verbose_name=_("person"),
    )
    amount = models.DecimalField(
        _("amount"), max_digits=10, decimal_places=2,
        help_text=_("Positive: credited to the person; negative: spent."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=EntryKind.choices)
    order = models.ForeignKey(
        "order.Order", on_delete=models.PROTECT, null=True, blank=True,
        related_name="balance_entries", verbose_name=_("order"),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("recorded by"),
    )
    key = models.CharField(_("unique key"), max_length=255, unique=True)
    created_at = models.DateTimeField(_("recorded"), default=clock.now, db_index=True)

    objects = BalanceEntryQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("balance movement")
        verbose_name_plural = _("balance movements")
        indexes = [models.Index(fields=["person", "created_at"], name="balance_person_time_idx")]

    def __str__(self):
        return f"{self.key}: {self.amount}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TypeError(APPEND_ONLY)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError(APPEND_ONLY)

    @property
    def label(self):
        """The kind, in the reader's language."""
        return self.get_kind_display()
