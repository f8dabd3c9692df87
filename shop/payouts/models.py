"""Payouts to sellers by Stripe Connect: each seller's connected account, the
transfers made to it for paid orders and the reversals of those transfers.

A ``Transfer`` is written (status "requested") before Stripe is called, with
the amount and the idempotency key it will always be sent with: a retry sends
the same request, so Stripe makes the transfer once whatever happens between.
"""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from shop import clock


class SellerStripeAccount(models.Model):
    """The seller's Stripe connected account, where its share of card payments goes."""

    partner = models.OneToOneField(
        "partner.Partner", on_delete=models.CASCADE, related_name="stripe_account",
        verbose_name=_("seller"),
    )
    account_id = models.CharField(
        _("Stripe account"), max_length=64, unique=True,
        validators=[RegexValidator(r"^acct_\w+$", _("A Stripe account id starts with acct_."))],
        help_text=_("The seller's connected account in Stripe, for example acct_1PgafTB7WZ01zgkW."),
    )
    payouts_enabled = models.BooleanField(_("payouts enabled"), default=False)
    charges_enabled = models.BooleanField(_("charges enabled"), default=False)
    checked_at = models.DateTimeField(_("last checked"), null=True, blank=True)

    class Meta:
        verbose_name = _("seller's Stripe account")
        verbose_name_plural = _("sellers' Stripe accounts")

    def __str__(self):
        return f"{self.partner}: {self.account_id}"


class TransferStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    SUCCEEDED = "succeeded", _("Sent")
    FAILED = "failed", _("Failed, will be retried")


class Transfer(models.Model):
    """A seller's share of a paid order, sent to its connected account; one per order and seller."""

    Status = TransferStatus

    order = models.ForeignKey("order.Order", on_delete=models.PROTECT, related_name="transfers",
                              verbose_name=_("order"))
    partner = models.ForeignKey("partner.Partner", on_delete=models.PROTECT,
                                related_name="transfers", verbose_name=_("seller"))
    destination = models.CharField(_("Stripe account"), max_length=64)
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3, default="CAD")
    idempotency_key = models.CharField(_("idempotency key"), max_length=255, unique=True)
    stripe_transfer_id = models.CharField(_("Stripe transfer"), max_length=255, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=TransferStatus.choices,
                              default=TransferStatus.REQUESTED)
    amount_reversed = models.DecimalField(_("amount reversed"), max_digits=12, decimal_places=2,
                                          default=0)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    error = models.CharField(_("last error"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("created"), default=clock.now)
    updated_at = models.DateTimeField(_("updated"), default=clock.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("transfer to a seller")
        verbose_name_plural = _("transfers to sellers")
        constraints = [
            models.UniqueConstraint(fields=["order", "partner"], name="payouts_transfer_once"),
        ]

    def __str__(self):
        return self.idempotency_key

    @property
    def amount_kept(self):
        """What the seller keeps of it: the amount less what was reversed."""
        return self.amount - self.amount_reversed


class TransferReversal(models.Model):
    """Part of a transfer taken back after a refund of the order."""

    Status = TransferStatus

    transfer = models.ForeignKey(Transfer, on_delete=models.PROTECT, related_name="reversals",
                                 verbose_name=_("transfer"))
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    idempotency_key = models.CharField(_("idempotency key"), max_length=255, unique=True)
    stripe_reversal_id = models.CharField(_("Stripe reversal"), max_length=255, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=TransferStatus.choices,
                              default=TransferStatus.REQUESTED)
    reference = models.CharField(_("refund"), max_length=128, blank=True,
                                 help_text=_("The refund that caused it."))
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    error = models.CharField(_("last error"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("created"), default=clock.now)
    updated_at = models.DateTimeField(_("updated"), default=clock.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("transfer reversal")
        verbose_name_plural = _("transfer reversals")

    def __str__(self):
        return self.idempotency_key
