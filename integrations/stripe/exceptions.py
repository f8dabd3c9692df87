"""The project's own Stripe errors: nothing outside client.py sees the SDK's."""


class StripeError(Exception):
    """Anything that went wrong talking to Stripe."""


class StripeNotConfigured(StripeError):
    """Card payments are switched off, or a key is missing."""


class StripeUnavailable(StripeError):
    """Stripe could not be reached, or answered with a server or rate-limit error.

    Nothing was taken: the caller may offer another way to pay, or try again.
    """


class PaymentDeclined(StripeError):
    """The card was declined; ``str()`` is Stripe's message for the client."""


class StripeRequestRefused(StripeError):
    """Stripe refused the request itself (bad parameters, key, idempotency clash)."""


class WebhookSignatureInvalid(StripeError):
    """A webhook request is unsigned, forged, stale or not a Stripe event."""
