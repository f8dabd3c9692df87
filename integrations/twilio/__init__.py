"""Adapter to Twilio (SMS and voice). The only package that imports ``twilio``.

- ``senders.get_sender()`` gives the SMS sender chosen by ``settings.SMS_BACKEND``:
  ``twilio`` (REST through ``twilio.rest.Client``, ``client.py``), ``console``
  (the demo: logs and keeps the messages) or ``fake`` (tests: the REST client
  over ``fake.FakeTwilioHttpClient``, which checks every request against
  Twilio's published OpenAPI contract).
- ``webhooks.twilio_signature_required`` checks ``X-Twilio-Signature`` on every
  webhook; ``webhooks.sign`` signs requests the way Twilio does (simulator, tests).
- ``twiml`` builds the TwiML answers.
"""
