"""Request middleware of the observability app."""


class RequestContextMiddleware:
    """Gives each request its id (and, later, its log context and metrics)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)
