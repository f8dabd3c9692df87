"""{% load richtext %}: print staff-written rich text cleaned (shop.richtext).

``{{ product.description|rich_text }}`` prints the text cleaned with the
allow-list. ``{% with category=category|with_rich_text:"description" %}``
hands Oscar's own template a copy of the object (or of each object of a list)
whose fields are cleaned, where Oscar prints them with ``|safe``: the override
replaces one block and keeps Oscar's markup.
"""

from django import template

from shop import richtext

register = template.Library()


@register.filter
def rich_text(value):
    return richtext.as_html(value)


@register.filter
def with_rich_text(objects, fields: str):
    """``objects`` (one, or a list) as copies whose space-separated ``fields`` are cleaned."""
    names = fields.split()
    if objects is None or objects == "":
        return objects
    if hasattr(objects, "_meta") or not hasattr(objects, "__iter__"):
        return richtext.with_cleaned_fields(objects, names)
    return [richtext.with_cleaned_fields(obj, names) for obj in objects]
