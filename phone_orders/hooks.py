"""Where other apps plug into the SMS and voice channel.

The meal-delivery services (``services`` app) register, from their
``AppConfig.ready``:

- ``register_skip_handler(func)``: SAUTER/SKIP. ``func(*, user, phone, language)``
  skips the client's next delivery (through the services' own functions and
  their cut-off) and returns the reply text, or None when it has nothing to
  skip for this client (the next handler is then asked).
- ``register_next_delivery(func)``: STATUT/STATUS and the voice menu.
  ``func(*, user, language)`` returns a sentence about the next delivery, or None.
- ``register_answer_handler(kind, func)``: OUI/NON to a question asked with
  ``phone_orders.services.questions.question_ask(kind=...)``.
  ``func(*, question, yes, language)`` acts and returns the reply text.
"""

_skip_handlers = []
_next_delivery = []
_answer_handlers = {}


def register_skip_handler(func):
    if func not in _skip_handlers:
        _skip_handlers.append(func)
    return func


def register_next_delivery(func):
    if func not in _next_delivery:
        _next_delivery.append(func)
    return func


def register_answer_handler(kind, func):
    _answer_handlers[kind] = func
    return func


def skip_next_delivery(*, user, phone, language):
    """The reply of the first handler that skipped something, or None."""
    for handler in list(_skip_handlers):
        reply = handler(user=user, phone=phone, language=language)
        if reply:
            return reply
    return None


def next_delivery(*, user, language):
    for provider in list(_next_delivery):
        text = provider(user=user, language=language)
        if text:
            return text
    return None


def answer_handler(kind):
    return _answer_handlers.get(kind)
