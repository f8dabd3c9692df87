from django import template

from shop.taxes import basket_taxes

register = template.Library()


@register.simple_tag
def taxes_for_basket(basket, shipping_charge=None):
    """GST and QST of a basket and its delivery charge (nothing is changed)."""
    if basket is None or basket.is_empty:
        return None
    return basket_taxes(basket, shipping_charge)


@register.filter
def plus(amount, other):
    return (amount or 0) + (other or 0)


@register.simple_tag
def order_sellers(order):
    """The sellers of an order's lines, for their tax registration numbers."""
    from oscar.core.loading import get_model

    Partner = get_model("partner", "Partner")
    return Partner._default_manager.filter(order_lines__order=order).distinct().order_by("name")
