"""``{% pending_links person as requests %}``: the links awaiting the owner's confirmation."""

from django import template

from shop.people.selectors.persons import link_requests_pending

register = template.Library()


@register.simple_tag
def pending_links(person):
    """The person's link requests still awaiting a decision (none for no person)."""
    if person is None:
        return []
    return list(link_requests_pending(person=person))
