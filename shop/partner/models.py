from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.partner.abstract_models import AbstractPartner
from phonenumber_field.modelfields import PhoneNumberField


class SellerKind(models.TextChoices):
    BOOKSHOP = "bookshop", _("Bookshop")
    TOOL_LIBRARY = "tool_library", _("Tool library")
    MEAL_SERVICE = "meal_service", _("Meal service")
    OTHER = "other", _("Other")


class Partner(AbstractPartner):
    """A seller of the cooperative: an Oscar partner with what a receipt needs.

    Its address is Oscar's ``PartnerAddress``; its staff are ``users``.
    """

    kind = models.CharField(
        _("kind"), max_length=20, choices=SellerKind.choices, default=SellerKind.OTHER
    )
    contact_phone = PhoneNumberField(_("contact phone"), blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    gst_number = models.CharField(_("GST registration number"), max_length=30, blank=True)
    qst_number = models.CharField(_("QST registration number"), max_length=30, blank=True)
    tax_exempt = models.BooleanField(
        _("tax exempt"),
        default=False,
        help_text=_("A seller that charges no GST or QST on any of its products."),
    )
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_("What the seller does, shown on its public page (bold, lists and links allowed)."),
    )
    opening_hours = models.TextField(
        _("opening hours"),
        blank=True,
        help_text=_("The hours of its counter, one line per day or group of days."),
    )
    is_public = models.BooleanField(
        _("shown to the public"),
        default=True,
        help_text=_("Whether the seller has a public page and is listed on the home page."),
    )

    @property
    def description_html(self):
        """The description as HTML, cleaned of anything but simple formatting."""
        from shop.richtext import as_html

        return as_html(self.description)


from oscar.apps.partner.models import *  # noqa: E402,F401,F403
