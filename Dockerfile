# The one image of Comptoir: the web app (gunicorn), the Celery worker and beat.
# Settings come from the environment (see .env.example and docker-compose.yml).
FROM python:3.11-slim-bookworm AS source
COPY . /src
RUN mkdir /app && cd /src \
    && for path in manage.py gunicorn.conf.py shop services drivers phone_orders integrations templates locale locale_oscar; do \
         if [ -e "$path" ]; then cp -a "$path" /app/; fi; \
       done \
    && find /app -name __pycache__ -prune -exec rm -rf {} +

FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONPATH=/app

# gettext compiles the translations; postgresql-client (pg_dump, pg_restore: 15,
# the major version of the postgres service) and gnupg serve manage.py backup/restore.
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext postgresql-client gnupg \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app

# Dependencies first, from the lock file alone (exact versions, checked against
# their hashes), so that a code change does not reinstall them.
COPY requirements/base.txt /tmp/requirements.txt
RUN pip install --require-hashes --no-deps -r /tmp/requirements.txt

# The code, path by path (locale/ too once it exists): nothing local such as
# .env, db.sqlite3 or .venv reaches the image.
COPY --from=source /app /app

# Static files are served by WhiteNoise from the image; translations compiled.
RUN DJANGO_SETTINGS_MODULE=shop.settings.dev python manage.py collectstatic --noinput \
    && if find . -name "*.po" -not -path "./staticfiles/*" | grep -q .; then \
         DJANGO_SETTINGS_MODULE=shop.settings.dev python manage.py compilemessages \
           --ignore "staticfiles/*"; \
       fi

RUN useradd --create-home --uid 1000 comptoir \
    && mkdir -p /app/media /app/backups \
    && chown comptoir:comptoir /app/media /app/backups
USER comptoir

EXPOSE 8000
CMD ["gunicorn", "shop.wsgi:application", "--bind", "0.0.0.0:8000"]
