"""The WSGI application of whichever settings DJANGO_SETTINGS_MODULE names.

The three servers of the benchmark (our shop, stock Oscar, the ceiling) are
started from this one module, each with its own settings.
"""

from django.core.wsgi import get_wsgi_application

application = get_wsgi_application()
