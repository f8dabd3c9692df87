from oscar.apps.order.utils import *  # noqa: F401,F403
from oscar.apps.order.utils import OrderCreator as CoreOrderCreator


class OrderCreator(CoreOrderCreator):
    def create_order_model(self, user, *args, **kwargs):
        """The order, with its user and an empty list of its lines as placed (``placed_lines``)."""
        order = super().create_order_model(user, *args, **kwargs)
        if order.user_id is not None and getattr(user, "pk", None) == order.user_id:
            order.user = user  # receivers read it: no query for what is at hand
        order.placed_lines = []
        return order

    def create_line_models(self, order, basket_line, extra_line_fields=None):
        """Copy each line's GST and QST, set on the basket line by shop.taxes.

        Each line is kept on ``order.placed_lines`` with its product (and class)
        as the basket read them, so the ``order_placed`` receivers need not read
        the lines again.
        """
        extra_line_fields = dict(extra_line_fields or {})
        extra_line_fields.setdefault("gst", getattr(basket_line, "gst", 0))
        extra_line_fields.setdefault("qst", getattr(basket_line, "qst", 0))
        line = super().create_line_models(order, basket_line, extra_line_fields)
        if hasattr(order, "placed_lines"):
            order.placed_lines.append(line)
        return line


def placed_lines(order):
    """The lines of ``order`` as just placed (products and classes loaded), or None when
    the order was not placed in this process (read its lines then)."""
    return getattr(order, "placed_lines", None)
