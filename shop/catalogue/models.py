from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.catalogue.abstract_models import AbstractProductClass

from shop.taxes import TaxClass


class ProductClass(AbstractProductClass):
    tax_class = models.CharField(
        _("tax class"),
        max_length=20,
        choices=TaxClass.choices,
        default=TaxClass.STANDARD,
        help_text=_("Which of GST and QST apply to products of this class."),
    )


from oscar.apps.catalogue.models import *  # noqa: E402,F401,F403
