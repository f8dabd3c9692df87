"""What the payments app keeps besides Oscar's Source, Transaction and PaymentEvent.

Oscar's rows record the money (a ``Source`` per way of paying an order, its
debit and refund ``Transaction`` rows, the order's ``PaymentEvent`` rows).
These record what Oscar has no place for: each Stripe event received once,
the payment links sent, refunds while Stripe works on them, and the
cooperative's fee per seller.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class StripeEvent(models.Model):
    """One Stripe event, stored once whatever the number of deliveries."""

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        PROCESSED = "processed", _("Processed")
        IGNORED = "ignored", _("Ignored")

    event_id = models.CharField(_("Stripe event id"), max_length=255)
    type = models.CharField(_("type"), max_length=100, db_index=True)
    created = models.DateTimeField(_("created at Stripe"))
    payload = models.JSONField(_("payload"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED
    )
    note = models.TextField(_("note"), blank=True)
    received_at = models.DateTimeField(_("received"), auto_now_add=True)
    processed_at = models.DateTimeField(_("processed"), null=True, blank=True)

    class Meta:
        verbose_name = _("Stripe event")
        verbose_name_plural = _("Stripe events")
        ordering = ["-received_at"]
        constraints = [
            models.UniqueConstraint(fields=["event_id"], name="payments_stripe_event_once"),
        ]

    def __str__(self):
        return f"{self.type} {self.event_id}"


class PaymentLink(models.Model):
    """A Stripe Checkout Session sent to a client to pay an existing order."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        PAID = "paid", _("Paid")
        EXPIRED = "expired", _("Expired")

    order = models.ForeignKey(
        "order.Order", on_delete=models.CASCADE, related_name="payment_links",
        verbose_name=_("order"),
    )
    attempt = models.PositiveIntegerField(_("attempt"))
    session_id = models.CharField(_("Stripe Checkout Session id"), max_length=255, unique=True)
    url = models.URLField(_("link"), max_length=2000)
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    expires_at = models.DateTimeField(_("expires at"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    sent_to = models.CharField(_("sent to"), max_length=255, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", verbose_name=_("sent by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("payment link")
        verbose_name_plural = _("payment links")
        ordering = ["-attempt"]
        constraints = [
            models.UniqueConstraint(fields=["order", "attempt"], name="payments_link_attempt"),
        ]

    def __str__(self):
        return f"{self.order.number} #{self.attempt}"


class Refund(models.Model):
    """A refund through Stripe, kept from the request until Stripe settles it.

    A refund asked for in the dashboard is ``requested`` before Stripe is
    called, so a ``charge.refunded`` webhook arriving meanwhile counts it and
    does not record it a second time.
    """

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        SUCCEEDED = "succeeded", _("Succeeded")
        FAILED = "failed", _("Failed")

    order = models.ForeignKey(
        "order.Order", on_delete=models.CASCADE, related_name="stripe_refunds",
        verbose_name=_("order"),
    )
    source = models.ForeignKey(
        "payment.Source", on_delete=models.CASCADE, related_name="stripe_refunds",
        verbose_name=_("payment source"),
    )
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    idempotency_key = models.CharField(_("idempotency key"), max_length=255, unique=True)
    stripe_refund_id = models.CharField(
        _("Stripe refund id"), max_length=255, unique=True, null=True, blank=True
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.REQUESTED
    )
    reason = models.CharField(_("reason"), max_length=255, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", verbose_name=_("requested by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("refund")
        verbose_name_plural = _("refunds")
        ordering = ["created_at"]

    def __str__(self):
        return f"{self.order.number} {self.amount}"


class SellerFee(models.Model):
    """The cooperative's fee on a seller's sales: a share of what clients paid."""

    partner = models.OneToOneField(
        "partner.Partner", on_delete=models.CASCADE, related_name="cooperative_fee",
        verbose_name=_("seller"),
    )
    rate = models.DecimalField(
        _("rate"), max_digits=5, decimal_places=4, default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))],
        help_text=_("A share of the seller's sales, taxes included: 0.05 is 5 %."),
    )

    class Meta:
        verbose_name = _("cooperative fee")
        verbose_name_plural = _("cooperative fees")

    def __str__(self):
        return f"{self.partner}: {self.rate}"
