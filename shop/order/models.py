from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.order.abstract_models import AbstractLine, AbstractOrder

from .statuses import status_label


class Channel(models.TextChoices):
    WEB = "web", _("Web")
    PHONE = "phone", _("Phone")
    SMS = "sms", _("SMS")
    VOICE = "voice", _("Voice")
    SERVICE = "service", _("Service")


class PaymentMethod(models.TextChoices):
    CARD = "card", _("Card, online")
    PAYMENT_LINK = "payment_link", _("Payment link sent by SMS")
    ON_DELIVERY = "on_delivery", _("Pay on delivery or pick-up")
    INVOICE = "invoice", _("Monthly invoice")
    BALANCE = "balance", _("Prepaid balance")

    @classmethod
    def pay_later(cls):
        return {cls.ON_DELIVERY, cls.INVOICE}


class Order(AbstractOrder):
    channel = models.CharField(
        _("channel"), max_length=10, choices=Channel.choices, default=Channel.WEB, db_index=True
    )
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="orders_placed_for_others",
        verbose_name=_("placed by"),
        help_text=_("The staff member who entered the order, for phone orders."),
    )
    payment_method = models.CharField(
        _("payment method"), max_length=20, choices=PaymentMethod.choices, blank=True
    )
    gst = models.DecimalField(_("GST"), max_digits=12, decimal_places=2, default=Decimal("0.00"))
    qst = models.DecimalField(_("QST"), max_digits=12, decimal_places=2, default=Decimal("0.00"))

    @property
    def status_label(self):
        return status_label(self.status)


class Line(AbstractLine):
    gst = models.DecimalField(_("GST"), max_digits=12, decimal_places=2, default=Decimal("0.00"))
    qst = models.DecimalField(_("QST"), max_digits=12, decimal_places=2, default=Decimal("0.00"))

    @property
    def status_label(self):
        return status_label(self.status)


from oscar.apps.order.models import *  # noqa: E402,F401,F403
