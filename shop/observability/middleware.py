"""Request middleware of the observability app: request id, log context, metrics."""

import logging
import time

from . import context
from .metrics import HTTP_LATENCY, HTTP_REQUESTS

HEADER = "X-Request-ID"
META_HEADER = "HTTP_X_REQUEST_ID"
logger = logging.getLogger("shop.requests")


class RequestContextMiddleware:
    """Gives each request its id (kept from a well-formed ``X-Request-ID`` or
    new), binds it with the request's channel for every log line, answers it
    in ``X-Request-ID``, logs one line per request, and counts and times it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = context.request_id_from_header(request.META.get(META_HEADER)) or context.new_request_id()
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
    if match is not None and match.view_name:
        view = match.view_name
    else:  # a page served whole from the cache names the view that rendered it
        view = getattr(request, "cached_view_name", None) or "unmatched"
    count, latency = _series(_method(request.method), view, status)
    count.inc()
    latency.observe(seconds)


_KNOWN_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
_children: dict = {}


def _series(method: str, view: str, status: int):
    """The request counter and latency histogram of these labels, looked up once."""
    key = (method, view, status)
    series = _children.get(key)
    if series is None:
        series = _children[key] = (
            HTTP_REQUESTS.labels(method=method, view=view, status=str(status)),
            HTTP_LATENCY.labels(method=method, view=view),
        )
    return series


def _method(method: str) -> str:
    return method if method in _KNOWN_METHODS else "other"
