from django import template

from shop.reports.formats import cell_html

register = template.Library()


@register.filter
def report_cell(cell) -> str:
    """A ``(value, kind)`` cell of a report table as the page shows it (fr-CA numbers)."""
    value, kind = cell
    return cell_html(value, kind)
