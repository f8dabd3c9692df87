"""Oscar's basket models; the basket reads its lines with all they are priced by.

Oscar's basket loads its lines with their products and stock records, then the
strategy prices each line with three more queries (its stock records, its
product class, its seller): the header's basket, shown on every page of a
visitor with a basket, cost three queries a line. Here the lines come with
those in two queries whatever their number, and counting the lines counts the
loaded lines rather than asking the database again.
"""

from django.db.models import Prefetch
from oscar.apps.basket.abstract_models import AbstractBasket
from oscar.core.loading import get_model


class Basket(AbstractBasket):
    def all_lines(self):
        if self.id is None:
            return self.lines.model.objects.none()
        if self._lines is None:
            stockrecords = get_model("partner", "StockRecord")._default_manager
            self._lines = (
                self.lines.select_related("product__product_class", "stockrecord__partner")
                .prefetch_related("attributes", "product__images", Prefetch(
                    "product__stockrecords", queryset=stockrecords.select_related("partner")))
                .order_by(self._meta.pk.name)
            )
        return self._lines

    @property
    def num_lines(self):
        return len(self.all_lines())


from oscar.apps.basket.models import *  # noqa: E402,F401,F403
