"""{% catalogue_cache "name" vary_on... %} … {% endcatalogue_cache %}

Like Django's {% cache %}, but keyed on the catalogue's version and the
language (shop.catalogue.cache), and safe around forms: the part is rendered
with a stand-in CSRF token, which each request's own token replaces when the
part is served, so a cached add-to-basket button posts with the visitor's token.
"""

from django import template
from django.core.cache import cache
from django.utils.safestring import mark_safe

from shop.catalogue.cache import CSRF_STAND_IN, fragment_key, fragment_timeout, with_csrf_token

register = template.Library()


class CatalogueCacheNode(template.Node):
    def __init__(self, nodelist, name, vary_on):
        self.nodelist = nodelist
        self.name = name
        self.vary_on = vary_on

    def render(self, context):
        if fragment_timeout() <= 0:
            return self.nodelist.render(context)
        name = self.name.resolve(context)
        key = fragment_key(name, [var.resolve(context) for var in self.vary_on])
        html = cache.get(key)
        if html is None:
            with context.push(csrf_token=CSRF_STAND_IN):
                html = self.nodelist.render(context)
            cache.set(key, html, fragment_timeout())
        return mark_safe(with_csrf_token(html, lambda: str(context.get("csrf_token", ""))))


@register.tag("catalogue_cache")
def do_catalogue_cache(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("'catalogue_cache' takes a name, then what it varies on.")
    nodelist = parser.parse(("endcatalogue_cache",))
    parser.delete_first_token()
    return CatalogueCacheNode(
        nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(bit) for bit in bits[2:]]
    )
