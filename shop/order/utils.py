from oscar.apps.order.utils import *  # noqa: F401,F403
from oscar.apps.order.utils import OrderCreator as CoreOrderCreator


class OrderCreator(CoreOrderCreator):
    def create_line_models(self, order, basket_line, extra_line_fields=None):
        """Copy each line's GST and QST, set on the basket line by shop.taxes."""
        extra_line_fields = dict(extra_line_fields or {})
        extra_line_fields.setdefault("gst", getattr(basket_line, "gst", 0))
        extra_line_fields.setdefault("qst", getattr(basket_line, "qst", 0))
        return super().create_line_models(order, basket_line, extra_line_fields)
