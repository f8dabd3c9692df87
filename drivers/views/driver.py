"""The driver's page: one route of one day, opened by the link sent by SMS.

No sign-in: the signed link is the key (``drivers.tokens``). The page works
offline (``static/drivers/route.js`` and the service worker ``sw.js``); the
phone sends its outcomes as JSON, each with an id it made, so a resend is
harmless. A link unknown, expired or revoked shows a plain page and no data.
The JSON endpoint is exempt from CSRF: it acts by the link in its path, not by
a cookie, so another site cannot make a visitor's browser act with it.
"""

import json
from pathlib import Path

from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from .. import selectors, services
from ..stops import driver_stop
from ..tokens import token_for

SERVICE_WORKER = Path(__file__).resolve().parent.parent / "static" / "drivers" / "sw.js"
PRIVATE_HEADERS = {"Cache-Control": "private, no-cache", "Referrer-Policy": "no-referrer",
                   "X-Robots-Tag": "noindex"}


def _refused(request, reason):
    status = 404 if reason == "unknown" else 410
    response = render(request, "drivers/link_refused.html", {"reason": reason}, status=status)
    return _private(response)


def _private(response):
    for name, value in PRIVATE_HEADERS.items():
        response[name] = value
    return response


@require_GET
def route_page(request, token):
    link, reason = selectors.link_for_token(token)
    if link is None:
        return _refused(request, reason)
    stops = [driver_stop(delivery) for delivery in selectors.route_stops(link.route)]
    context = {
        "link": link, "route": link.route, "stops": stops,
        "results_url": reverse("drivers:results", kwargs={"token": token_for(link)}),
        "sw_url": reverse("drivers:service-worker"),
        "labels": _labels(),
        "route_data": {"route": link.route.name, "date": link.route.date.isoformat(),
                       "stops": [stop.as_json() for stop in stops]},
    }
    return _private(render(request, "drivers/route.html", context))


def _labels():
    """The words the page's script shows, in the page's language."""
    return {"delivered": _("Delivered"), "nobody_home": _("Nobody home"),
            "refused": _("Refused at the door"), "waiting": _("waiting to be sent"),
            "sent": _("outcome sent"), "queue": _("Without signal: %(count)s outcome(s) waiting to be "
                                          "sent. They leave as soon as the signal returns."),
            "all_sent": _("Every outcome is sent."), "ready": _("This route works offline.")}


@csrf_exempt
@require_POST
def results(request, token):
    link, reason = selectors.link_for_token(token)
    if link is None:
        return _private(JsonResponse({"error": reason}, status=404 if reason == "unknown" else 410))
    try:
        items = json.loads(request.body or b"{}").get("outcomes", [])
    except (ValueError, AttributeError):
        return JsonResponse({"error": "invalid"}, status=400)
    if not isinstance(items, list) or len(items) > 500:
        return JsonResponse({"error": "invalid"}, status=400)
    recorded = services.outcomes_record(link=link, items=items)
    return _private(JsonResponse({"results": [result.__dict__ for result in recorded]}))


@require_GET
def service_worker(request):
    """The worker, served under /tournee/ so that its scope covers the drivers' pages."""
    response = HttpResponse(SERVICE_WORKER.read_text(encoding="utf-8"),
                            content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    return response
