from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.catalogue.abstract_models import (
    AbstractProductAttributeValue,
    AbstractProductClass,
)

from shop import richtext
from shop.taxes import TaxClass


class ProductClass(AbstractProductClass):
    tax_class = models.CharField(
        _("tax class"),
        max_length=20,
        choices=TaxClass.choices,
        default=TaxClass.STANDARD,
        help_text=_("Which of GST and QST apply to products of this class."),
    )


class ProductAttributeValue(AbstractProductAttributeValue):
    """Oscar's attribute value; a rich text value is shown cleaned (shop.richtext).

    Oscar prints a rich text value as it is stored (``value_as_html``), on the
    product page among others. The table and the fields are Oscar's.
    """

    @property
    def _richtext_as_html(self):
        return richtext.as_html(self.value)


from oscar.apps.catalogue.models import *  # noqa: E402,F401,F403
