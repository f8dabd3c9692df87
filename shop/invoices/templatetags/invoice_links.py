"""``{% load invoice_links %}``: which orders have invoices to print (``order|has_invoices``,
``orders|invoiced_numbers``)."""

from django import template

from shop.invoices import selectors

register = template.Library()


@register.filter
def has_invoices(order) -> bool:
    return order is not None and selectors.has_invoices(order)


@register.filter
def invoiced_numbers(orders) -> set:
    """The numbers of those of ``orders`` that have invoices, in one query."""
    return selectors.invoiced_numbers(orders)
