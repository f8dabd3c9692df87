"""Rich text written by staff and shown as HTML to every visitor, cleaned with an allow-list.

Product descriptions (and rich text attributes), category, offer and range
descriptions and the content of pages are edited as HTML in the dashboard and
printed as HTML on the storefront. Only the formatting a bookshop's description
needs is kept: paragraphs, line breaks, bold, italics, underline, lists, quotes,
headings h2 to h4 and links (http, https, mailto; always
``rel="noopener noreferrer nofollow"``). Everything else is removed: scripts and
styles with their content, event handlers (``onerror``…), ``javascript:`` and
``data:`` links, style attributes, images, frames, forms.

Text is cleaned twice: when a dashboard form saves it (``RichTextFormMixin``),
so what is stored is what is shown, and when a page prints it (the ``rich_text``
and ``with_rich_text`` filters of ``{% load richtext %}``), so rows written any
other way (the Django admin, an import, SQL, rows saved before this module)
are shown cleaned too.
"""

import copy

import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = frozenset({
    "p", "br", "strong", "em", "b", "i", "u", "ul", "ol", "li", "blockquote",
    "h2", "h3", "h4", "a",
})
ALLOWED_ATTRIBUTES = {"a": frozenset({"href", "title"})}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "noopener noreferrer nofollow"
# Removed with everything inside them (the other tags lose only their markup).
REMOVED_WITH_CONTENT = frozenset({"script", "style", "iframe", "object", "embed", "noscript",
                                  "template"})


def clean(html) -> str:
    """``html`` with only the allowed tags, attributes and link schemes left."""
    if not html:
        return ""
    return nh3.clean(
        str(html),
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(REMOVED_WITH_CONTENT),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel=LINK_REL,
        strip_comments=True,
    )


def as_html(html) -> SafeString:
    """``html`` cleaned, ready to be printed in a template as it is."""
    return mark_safe(clean(html))


def with_cleaned_fields(obj, fields):
    """A shallow copy of ``obj`` whose ``fields`` hold their rich text cleaned.

    For Oscar templates that print these fields with ``|safe``: the page gets the
    copy, the object itself is left as it is.
    """
    cleaned = copy.copy(obj)
    for name in fields:
        setattr(cleaned, name, as_html(getattr(obj, name, "")))
    return cleaned


class RichTextFormMixin:
    """Cleans the form's ``rich_text_fields`` when the form is validated."""

    rich_text_fields: tuple[str, ...] = ()

    def clean(self):
        cleaned_data = super().clean()
        for name in self.rich_text_fields:
            if self.cleaned_data.get(name):
                self.cleaned_data[name] = clean(self.cleaned_data[name])
        return cleaned_data
