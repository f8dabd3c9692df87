"""Where other apps plug into the SMS and voice channel.

The meal-delivery services (``services`` app) register, from their
``AppConfig.ready``:

- ``register_skip_handler(func)``: SAUTER/SKIP. ``func(*, user, phone, language)``
  skips the client's next delivery (through the services' own functions and
  their cut-off) and returns the reply text, or None when it has nothing to
  skip for this client (the next handler is then asked).
- ``register_next_delivery(func)``: STATUT/STATUS and the voice menu.
  ``func(*, user, phone, language)`` returns a sentence about the next
  delivery, or None (``phone`` is None when the channel has no number).
- ``register_answer_handler(kind, func)``: OUI/NON to a question asked with
  ``phone_orders.services.questions.question_ask(kind=...)``.
  ``func(*, question, yes, language)`` acts and returns the reply text.
- ``register_unasked_answer(func)``: OUI/NON from a number with no question
  open here (an offer the app sent itself). ``func(*, user, phone, yes,
  language)`` acts and returns the reply, or None when it has nothing to answer.
- ``register_known_number(func)``: people the app knows by phone number alone,
  with no account. ``func(*, phone)`` returns their language ("fr" or "en"),
  or None when it knows nobody by that number; such a number may then use the
  commands that concern it (SAUTER, STATUT, OUI/NON…).
"""

_skip_handlers = []
_next_delivery = []
_answer_handlers = {}
_unasked_answers = []
_known_numbers = []


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


def register_unasked_answer(func):
    if func not in _unasked_answers:
        _unasked_answers.append(func)
    return func


def register_known_number(func):
    if func not in _known_numbers:
        _known_numbers.append(func)
    return func


def next_delivery(*, user, language, phone=None):
    for provider in list(_next_delivery):
        text = provider(user=user, phone=phone, language=language)
        if text:
            return text
    return None


def unasked_answer(*, user, phone, yes, language):
    """The reply of the first app that had something for this OUI/NON, or None."""
    for handler in list(_unasked_answers):
        reply = handler(user=user, phone=phone, yes=yes, language=language)
        if reply:
            return reply
    return None


def known_number_language(*, phone):
    """The language of someone an app knows by ``phone`` alone, or None if nobody."""
    for lookup in list(_known_numbers):
        language = lookup(phone=phone)
        if language:
            return language
    return None


def answer_handler(kind):
    return _answer_handlers.get(kind)
