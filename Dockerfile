# Production image: web (gunicorn), worker and beat all run from it (see docker-compose.yml).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=config.settings \
    VAR_DIR=/app/var \
    STATIC_ROOT=/app/staticfiles \
    MEDIA_ROOT=/data/media

WORKDIR /app

# WeasyPrint (official documents) lays out PDFs with Pango; the fonts it embeds ship in
# documents/fonts/, so no font package is needed.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
    && rm -rf /var/lib/apt/lists/*

# Dependencies first, so code changes do not reinstall them. psycopg[binary] and the other
# requirements ship wheels: no compiler is needed.
COPY requirements/ requirements/
RUN pip install -r requirements/base.txt -c requirements/constraints.txt

RUN groupadd --system --gid 10001 sangkien \
    && useradd --system --uid 10001 --gid sangkien --home-dir /app --no-create-home sangkien

# The code stays owned by root: the app user may write only to var/ and the media volume.
COPY . .

# Static assets are baked into the image (whitenoise serves them); no database is needed.
RUN mkdir -p /app/var /data/media \
    && SECRET_KEY=collectstatic-only python manage.py collectstatic --noinput --verbosity 0 \
    && chown -R sangkien:sangkien /app/var /data/media

USER sangkien
EXPOSE 8000

CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
