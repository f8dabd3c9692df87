"""``{% person_balance person as balance %}``: a person's balance and latest movements,
for the sections of their account page."""

from django import template

from shop.balance import selectors

register = template.Library()


@register.simple_tag
def person_balance(person, limit=20):
    """``{"amount": Decimal, "movements": [...] (newest first)}`` for ``person``."""
    if person is None:
        return {"amount": selectors.ZERO, "movements": []}
    return {"amount": selectors.balance_of(person=person),
            "movements": selectors.recent_movements(person=person, limit=limit)}
