"""Settings of the ceiling: the least a Django page served by gunicorn can cost."""

DEBUG = False
SECRET_KEY = "bench-ceiling-only-" + "c" * 50
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
INSTALLED_APPS = []
MIDDLEWARE = []
DATABASES = {}
ROOT_URLCONF = "bench.ceiling.urls"
USE_TZ = True
