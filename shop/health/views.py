"""``/healthz`` (the process answers) and ``/readyz`` (the shop can do its work), for machines.

Both answer JSON to anyone, are never cached and set no cookie. /healthz
touches nothing; /readyz runs ``checks.readiness()`` and answers 503 when
one check is not ok. Neither ever names a person.
"""

import logging

from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from . import checks

logger = logging.getLogger(__name__)


@csrf_exempt
@never_cache
@require_safe
def healthz(request):
    return JsonResponse({"status": "ok"})


@csrf_exempt
@never_cache
@require_safe
def readyz(request):
    results = checks.readiness()
    ready = checks.all_ok(results)
    response = JsonResponse(
        {"status": "ready" if ready else "not ready",
         "checks": {check.name: {"ok": check.ok, "detail": check.detail, "message": check.message}
                    for check in results}},
        status=200 if ready else 503,
    )
    if not ready:
        # A warning naming what fails, instead of Django's error for any 503: a monitor
        # asking every few seconds during an outage must not flood the error reports.
        logger.warning("Not ready: %s", ", ".join(check.name for check in results if not check.ok))
        response._has_been_logged = True
    return response
