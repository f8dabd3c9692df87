"""Our own exceptions for SMS sending; no caller needs to know Twilio's."""


class SmsError(Exception):
    """Sending failed. ``retryable`` says whether trying again later may work."""

    retryable = False

    def __init__(self, message, *, status=None, code=None):
        super().__init__(message)
        self.status = status
        self.code = code


class SmsTemporaryError(SmsError):
    """Rate limited (HTTP 429), a server error (5xx) or a network failure."""

    retryable = True


class SmsPermanentError(SmsError):
    """The request was refused for good (invalid number, unsubscribed recipient…)."""


def error_for_status(status, message, code=None):
    """The exception for an HTTP ``status`` from the provider (None: network)."""
    if status is None or status == 429 or status >= 500:
        return SmsTemporaryError(message, status=status, code=code)
    return SmsPermanentError(message, status=status, code=code)
