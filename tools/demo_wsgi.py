"""The demo's WSGI application for ``tools.demo_server``: Comptoir, plus its uploaded pictures.

In production a proxy serves MEDIA_ROOT; here WhiteNoise does, looking for new
files at each request (thumbnails are made while pages render), with a day of
browser caching.
"""

from django.conf import settings
from whitenoise import WhiteNoise

from shop.wsgi import application as comptoir

application = WhiteNoise(comptoir, autorefresh=True, max_age=24 * 60 * 60)
application.add_files(str(settings.MEDIA_ROOT), prefix=settings.MEDIA_URL)
