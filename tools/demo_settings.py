"""The production settings, plus what the proxy in front of production does: compress pages.

Used by ``make lighthouse`` (``tools.demo_server``), which serves the demo with
no proxy. Static files are already sent compressed by WhiteNoise, which answers
before this middleware; pages (HTML) are compressed here.
"""

from shop.settings.production import *  # noqa: F401,F403
from shop.settings.production import MIDDLEWARE

_AFTER_STATIC = MIDDLEWARE.index("whitenoise.middleware.WhiteNoiseMiddleware") + 1
MIDDLEWARE = [*MIDDLEWARE[:_AFTER_STATIC], "django.middleware.gzip.GZipMiddleware",
              *MIDDLEWARE[_AFTER_STATIC:]]
