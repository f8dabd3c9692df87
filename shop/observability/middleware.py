"""Request middleware of the observability app: request id, log context, metrics."""

import logging
import time

from . import context
from .metrics import HTTP_LATENCY, HTTP_REQUESTS

HEADER = "X-Request-ID"
logger = logging.getLogger("shop.requests")


class RequestContextMiddleware:
    """Gives each request its id (kept from a well-formed ``X-Request-ID`` or
    new), binds it with the request's channel for every log line, answers it
    in ``X-Request-ID``, logs one line per request, and counts and times it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = context.request_id_from_header(request.headers.get(HEADER)) or context.new_request_id()
        request.request_id = request_id
        started = time.perf_counter()
        with context.bound(request_id=request_id, channel=context.channel_for_path(request.path_info),
                           seller=None, task_name=None, task_id=None):
            response = self.get_response(request)
            seconds = time.perf_counter() - started
            # The path only: a query string may hold what was searched for (a name, a phone).
            logger.info("%s %s %s %.0fms", request.method, request.path, response.status_code,
                        seconds * 1000)
        response[HEADER] = request_id
        _observe(request, response.status_code, seconds)
        return response


def _observe(request, status: int, seconds: float) -> None:
    match = getattr(request, "resolver_match", None)
    view = match.view_name if match is not None and match.view_name else "unmatched"
    HTTP_REQUESTS.labels(method=_method(request.method), view=view, status=str(status)).inc()
    HTTP_LATENCY.labels(method=_method(request.method), view=view).observe(seconds)


def _method(method: str) -> str:
    known = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}
    return method if method in known else "other"
