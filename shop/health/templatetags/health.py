"""The coordinators' dashboard tile: the shop's health in plain words.

``{% health_tile %}`` renders ``health/tile.html`` with the same checks as
/readyz, for coordinators only (``shop.access``); for anyone else it renders
nothing and runs no check.
"""

from django import template

from shop import access
from shop.health import checks

register = template.Library()


@register.inclusion_tag("health/tile.html", takes_context=True)
def health_tile(context):
    request = context.get("request")
    if request is None or not access.is_coordinator(request.user):
        return {"shown": False}
    results = checks.readiness()
    return {"shown": True, "ok": checks.all_ok(results),
            "problems": [check for check in results if not check.ok]}
