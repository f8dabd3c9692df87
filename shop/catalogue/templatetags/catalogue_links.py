"""Links and prices of the product cards and menus, at a fraction of their cost.

- ``{{ product|product_url }}``, ``{% basket_add_url product %}`` and
  ``{% seller_url seller %}``: the same URLs as ``get_absolute_url`` and
  ``{% url %}``, built by shop.catalogue.links.
- ``{% category_tree %}``: Oscar's tag of the same name, whose categories
  each asked the shared cache for their full slug (one round trip to Redis a
  category); here each slug is its parent's, known from the walk, and its own.
  The menu's categories are read once a request (two queries), for the main
  menu and the side column of a browse page both.
- ``{{ value|currency:code }}``: Oscar's filter, each amount formatted by
  Babel once per process, currency, format and language.
"""

from decimal import Decimal, InvalidOperation
from functools import lru_cache

from django import template
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import NoReverseMatch
from django.utils.translation import get_language
from oscar.core.loading import get_model
from oscar.templatetags.category_tags import CheapCategoryInfo
from oscar.templatetags.currency_filters import currency as oscar_currency

from shop.catalogue.links import link
from shop.catalogue.links import product_url as _product_url

register = template.Library()
Category = get_model("catalogue", "Category")


@register.filter
def product_url(product):
    return _product_url(product)


@register.simple_tag
def basket_add_url(product):
    return link("basket:add", pk=product.pk)


@register.simple_tag
def seller_url(seller):
    """The seller's public page, or "" as ``{% url ... as seller_url %}`` gives."""
    try:
        return link("seller-detail", code=seller.code)
    except NoReverseMatch:
        return ""


@register.filter
def currency(value, currency_format=None):
    """Oscar's ``currency`` filter, remembered per amount."""
    if currency_format is None:
        currency_format = settings.OSCAR_DEFAULT_CURRENCY
    try:
        value = Decimal(value)
    except (TypeError, InvalidOperation, ValueError):
        return ""
    return _formatted(str(value), currency_format, get_language())


@lru_cache(maxsize=4096)
def _formatted(amount, currency_format, language):
    return oscar_currency(Decimal(amount), currency_format)


@receiver(setting_changed)
def _forget(**kwargs):
    _formatted.cache_clear()


def _full_slug(category, parent_slug):
    if category.is_root():
        return category.slug
    return f"{parent_slug}{category._slug_separator}{category.slug}"


def _menu_categories(request):
    """Every category of the menu, in tree order, read once for ``request``."""
    categories = getattr(request, "_menu_categories", None)
    if categories is None:
        categories = list(Category.objects.get_tree().for_menu())
        if request is not None:
            request._menu_categories = categories
    return categories


@register.simple_tag(name="category_tree", takes_context=True)
def category_tree(context, depth=None):
    """Oscar's ``category_tree`` (categories of the menu, from the roots down to
    ``depth``), the same list, with no cache lookup per category."""
    annotated = []
    tree_slug = ""
    start_depth = prev_depth = None
    categories = _menu_categories(context.get("request"))
    if depth is not None:
        categories = [node for node in categories if node.depth <= depth]
    info = CheapCategoryInfo(None, url="")
    node_depth = 0
    for node in categories:
        node_depth = node.get_depth()
        if start_depth is None:
            start_depth = node_depth
        if prev_depth is None or node_depth > prev_depth:
            info["has_children"] = True
            if info.category is not None:
                tree_slug = _full_slug(info.category, tree_slug)
        if prev_depth is not None and node_depth < prev_depth:
            difference = prev_depth - node_depth
            info["num_to_close"] = list(range(0, difference))
            slugs = tree_slug.rsplit(node._slug_separator, difference)
            tree_slug = slugs[0] if slugs else node.slug
        info = CheapCategoryInfo(
            node,
            url=link("catalogue:category", category_slug=_full_slug(node, tree_slug), pk=node.pk),
            num_to_close=[],
            level=node_depth - start_depth,
        )
        annotated.append(info)
        prev_depth = node_depth
    if prev_depth is not None:
        info["num_to_close"] = list(range(0, prev_depth - start_depth))
        info["has_children"] = node_depth > prev_depth
    return annotated
