"""``{{ status|status_label }}``: a stored order or line status in the reader's language.

Statuses are stored in English ("To prepare"); Oscar's dashboard templates print
them as they are, in lists and in the options of its status menus.
"""

from django import template

from shop.order.statuses import status_label as label_of

register = template.Library()


@register.filter
def status_label(status):
    """The translated name of ``status`` ("À préparer"); an unknown one as it is."""
    return label_of(status) if status else ""
