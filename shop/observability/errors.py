"""Error reports to Sentry, switched on by SENTRY_DSN (off when it is empty).

Django and Celery errors are reported without personal data: no default PII,
and ``event_scrub`` masks phone numbers and emails everywhere in the event and
drops cookies, request bodies and the user's email before it leaves.
"""

from django.conf import settings

from .masking import mask_data

_REQUEST_DROPPED = ("cookies", "data")


def sentry_init(**options) -> bool:
    """Start the Sentry client when SENTRY_DSN is set; True when it did."""
    if not settings.SENTRY_DSN:
        return False
    import sentry_sdk
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=settings.SENTRY_DSN,
        environment=settings.SENTRY_ENVIRONMENT,
        traces_sample_rate=settings.SENTRY_TRACES_SAMPLE_RATE,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        send_default_pii=False,
        before_send=event_scrub,
        before_send_transaction=event_scrub,
        **options,
    )
    return True


def event_scrub(event: dict, hint: dict | None = None) -> dict:
    """The event without cookies, request bodies or the user's email, every string masked."""
    request = event.get("request")
    if isinstance(request, dict):
        for key in _REQUEST_DROPPED:
            request.pop(key, None)
        headers = request.get("headers")
        if isinstance(headers, dict):
            request["headers"] = {name: value for name, value in headers.items()
                                  if name.lower() not in ("cookie", "authorization")}
    user = event.get("user")
    if isinstance(user, dict):
        for key in ("email", "username", "ip_address"):
            user.pop(key, None)
    return mask_data(event)
