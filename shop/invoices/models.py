"""Invoices and credit notes: numbered per seller without gaps, frozen when issued.

Each seller has one ``InvoiceSequence`` (the cooperative has its own, for
delivery charges and lines of no seller); invoices and credit notes share it,
so a seller's documents read 1, 2, 3… whatever their kind. The next number is
taken with the sequence row locked, in the transaction of the order or the
refund: a rolled-back order gives its number back, a committed one keeps it.

Documents are never changed nor deleted: a refund is a credit note, a new row.
The buyer's name is not copied here: it is read from the order when the
document is printed, so erasing a person (Loi 25) leaves no name behind.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from shop import clock

COOPERATIVE_KEY = "cooperative"
APPEND_ONLY = "Invoices and credit notes are append-only."


class InvoiceKind(models.TextChoices):
    INVOICE = "invoice", _("Invoice")
    CREDIT_NOTE = "credit_note", _("Credit note")


class InvoiceSequence(models.Model):
    """The numbering of one seller's documents (``seller`` empty: the cooperative's)."""

    key = models.CharField(_("key"), max_length=40, unique=True)
    seller = models.OneToOneField(
        "partner.Partner", on_delete=models.PROTECT, null=True, blank=True,
        related_name="invoice_sequence", verbose_name=_("seller"),
    )
    prefix = models.CharField(_("prefix"), max_length=12)
    last_number = models.PositiveIntegerField(_("last number used"), default=0)

    class Meta:
        ordering = ["key"]
        verbose_name = _("invoice numbering")
        verbose_name_plural = _("invoice numberings")

    def __str__(self):
        return f"{self.prefix} ({self.last_number})"


class InvoiceQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError(APPEND_ONLY)

    def delete(self):
        raise TypeError(APPEND_ONLY)


class Invoice(models.Model):
    """One seller's invoice for an order, or its credit note for one refund."""

    kind = models.CharField(_("kind"), max_length=20, choices=InvoiceKind.choices,
                            default=InvoiceKind.INVOICE)
    sequence = models.ForeignKey(InvoiceSequence, on_delete=models.PROTECT,
                                 related_name="documents", verbose_name=_("numbering"))
    seller = models.ForeignKey(
        "partner.Partner", on_delete=models.PROTECT, null=True, blank=True,
        related_name="invoices", verbose_name=_("seller"),
        help_text=_("Empty for the cooperative's own part."),
    )
    order = models.ForeignKey("order.Order", on_delete=models.PROTECT,
                              related_name="invoices", verbose_name=_("order"))
    number = models.PositiveIntegerField(_("number"))
    display_number = models.CharField(_("invoice number"), max_length=30, unique=True)
    issued_at = models.DateTimeField(_("issued"), default=clock.now, db_index=True)
    net = models.DecimalField(_("amount before taxes"), max_digits=12, decimal_places=2)
    gst = models.DecimalField(_("GST"), max_digits=12, decimal_places=2)
    qst = models.DecimalField(_("QST"), max_digits=12, decimal_places=2)
    total = models.DecimalField(_("total"), max_digits=12, decimal_places=2)
    refund_reference = models.CharField(
        _("refund reference"), max_length=128, blank=True,
        help_text=_("For a credit note: the refund it credits."),
    )
    credited_invoice = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True,
        related_name="credit_notes", verbose_name=_("invoice credited"),
    )

    objects = InvoiceQuerySet.as_manager()

    class Meta:
        ordering = ["sequence", "number"]
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices and credit notes")
        constraints = [
            models.UniqueConstraint(fields=["sequence", "number"],
                                    name="invoice_number_once_per_seller"),
            models.UniqueConstraint(fields=["sequence", "order"],
                                    condition=Q(kind="invoice"),
                                    name="invoice_once_per_seller_and_order"),
            models.UniqueConstraint(fields=["sequence", "order", "refund_reference"],
                                    condition=Q(kind="credit_note"),
                                    name="refund_credited_once_per_seller"),
        ]

    def __str__(self):
        return self.display_number

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TypeError(APPEND_ONLY)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError(APPEND_ONLY)

    @property
    def is_credit_note(self) -> bool:
        return self.kind == InvoiceKind.CREDIT_NOTE
