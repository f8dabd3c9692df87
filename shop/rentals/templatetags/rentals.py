from django import template

from shop import clock
from shop.rentals.models import RentableItem
from shop.rentals.selectors import product_availability

register = template.Library()


@register.simple_tag
def rental_availability(product):
    """The product's availability for the next 60 days, or None when it is not lent."""
    if not RentableItem._default_manager.filter(product_id=product.pk).exists():
        return None
    return product_availability(product=product)


@register.filter
def weeks(days, size=7):
    """Split a sequence of days into rows of ``size``."""
    days = list(days)
    return [days[i:i + size] for i in range(0, len(days), size)]


@register.simple_tag
def rental_booking_form():
    """An empty booking form, from tomorrow to the day after."""

    from shop.rentals.forms import BookingForm

    return BookingForm(initial=BookingForm.default_dates(clock.today()))
