"""Adapter to Stripe. Only ``client.py`` imports the ``stripe`` SDK.

``client.gateway()`` gives a ``StripeGateway`` built from settings; its methods
return the small dataclasses of ``client.py`` and raise the exceptions of
``exceptions.py``. Tests give it a fake HTTP transport
(tests/integrations/stripe/fake.py) through ``client.configured_http_client``.
"""
