# syntax=docker/dockerfile:1

# The newest 3.11 patch release with an official slim-bookworm image: patch releases carry
# security fixes (3.11.7 had a quadratic cookie parser, CVE-2024-7592, fixed in 3.11.10).
# Raise it when a newer 3.11 image is published; the app guards against that bug itself too.
ARG PYTHON_IMAGE=python:3.11.15-slim-bookworm

# --- build: install the pinned dependencies into a virtual environment ---------------
FROM ${PYTHON_IMAGE} AS build
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
COPY requirements/ /tmp/requirements/
RUN python -m venv /venv \
    && /venv/bin/pip install -r /tmp/requirements/base.txt -c /tmp/requirements/constraints.txt

# --- runtime: the app, its static files, a non-root user, gunicorn -------------------
FROM ${PYTHON_IMAGE} AS runtime
ENV PATH=/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=config.settings.production \
    PORT=8000
# WeasyPrint (the release PDF) draws text with Debian's Pango and needs a font. Pinned to
# bookworm's versions, like every other dependency; a Debian security update that replaces one
# fails the build, and the pin is then raised to the new version.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0=1.50.12+ds-1 libpangoft2-1.0-0=1.50.12+ds-1 fonts-dejavu-core=2.37-6 \
    && rm -rf /var/lib/apt/lists/*
RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --home-dir /app --shell /usr/sbin/nologin app
WORKDIR /app
COPY --from=build /venv /venv
COPY . .
# Static files are collected and the interface translations (locale/*/django.po) compiled into
# the image (.mo files are built, never committed); placeholder settings exist only for this step.
RUN SECRET_KEY=collectstatic-only ALLOWED_HOSTS=localhost DATABASE_URL=sqlite:////tmp/collectstatic.db \
        python manage.py collectstatic --noinput --verbosity 0 \
    && SECRET_KEY=collectstatic-only ALLOWED_HOSTS=localhost DATABASE_URL=sqlite:////tmp/collectstatic.db \
        python manage.py compile_translations --verbosity 0 \
    && mkdir -p /app/var/media \
    && chown -R app:app /app/var
USER 10001:10001
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen(f\"http://127.0.0.1:{os.environ.get('PORT', '8000')}/healthz/\", timeout=4)"]
# Migrations are a release step (`python manage.py migrate`), never run at container start.
CMD ["gunicorn", "config.wsgi:application", "--config", "gunicorn.conf.py"]
