"""``{% account_statements person as months %}``: the months a person has a statement for."""

from django import template

from shop.statements.selectors import statement_months

register = template.Library()


@register.simple_tag
def account_statements(person):
    """The first days of the months ``person`` has a statement for, newest first."""
    return statement_months(person=person)
