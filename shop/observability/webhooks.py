"""Webhook outcomes counted: accepted, duplicate, refused signature.

``webhook_observed(provider)`` wraps a webhook view (outside its other
decorators) and counts what its answer says; the code that finds a delivery
already received calls ``webhook_duplicate()`` so that it is counted as such.
"""

import contextvars
import functools

from .metrics import WEBHOOKS

_duplicate: contextvars.ContextVar[bool] = contextvars.ContextVar("webhook_duplicate", default=False)


def webhook_duplicate() -> None:
    """The webhook being answered was delivered before."""
    _duplicate.set(True)


def webhook_observed(provider: str):
    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            token = _duplicate.set(False)
            try:
                response = view(request, *args, **kwargs)
            except Exception:
                WEBHOOKS.labels(provider=provider, outcome="error").inc()
                raise
            else:
                WEBHOOKS.labels(provider=provider, outcome=_outcome(response.status_code)).inc()
                return response
            finally:
                _duplicate.reset(token)
        return wrapper
    return decorator


def _outcome(status: int) -> str:
    if status < 300:
        return "duplicate" if _duplicate.get() else "accepted"
    if status in (400, 403):
        return "refused_signature"
    return "rate_limited" if status == 429 else "error"
