# syntax=docker/dockerfile:1
# The front end comes from npm: KERN (@kern-ux/native: CSS, Fira Sans). A Node stage installs the
# locked runtime packages; only KERN's dist folder goes into the image, collectstatic serves it.
FROM node:22-slim AS assets
WORKDIR /assets
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

# Production image of the Kooperationsraum portal: gunicorn on port 8000, static files served by
# whitenoise from $VAR_DIR/static. The same image runs the Celery worker and beat (docker-compose.yml).
# All configuration comes from the environment at run time; the image contains no .env and no secret.
# gunicorn reads its options from GUNICORN_CMD_ARGS and the worker count from WEB_CONCURRENCY.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_ROOT_USER_ACTION=ignore \
    VAR_DIR=/app/var \
    GUNICORN_CMD_ARGS="--bind 0.0.0.0:8000 --access-logfile - --worker-tmp-dir /dev/shm --no-control-socket"

# libmagic1: python-magic checks uploaded files; gettext: compilemessages (build time);
# Pango and HarfBuzz: WeasyPrint renders the report PDFs.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libmagic1 gettext libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
    && rm -rf /var/lib/apt/lists/*

# The service user owns nothing but the writable parts of $VAR_DIR (media, mail, beat schedule).
RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --home-dir /app --no-create-home --shell /usr/sbin/nologin app

WORKDIR /app

# Dependencies first, so a code change does not reinstall them. `--group` needs pip >= 25.1.
COPY pyproject.toml ./
RUN python -m pip install --upgrade "pip>=25.1" \
    && python -m pip install --group run

COPY . .
COPY --from=assets /assets/node_modules/@kern-ux/native/dist ./node_modules/@kern-ux/native/dist

# Translations and static files are baked into the image. Settings refuse to load with DEBUG off
# unless they are given production values, so these steps alone get throw-away ones; they exist
# only for this RUN and never reach the image's environment.
RUN DEBUG=0 \
    SECRET_KEY=build-time-dummy-key-not-used-at-runtime-0123456789abcdefghij \
    DATABASE_URL=postgres://build@localhost:5432/build \
    REDIS_URL=redis://localhost:6379/0 \
    ALLOWED_HOSTS=localhost \
    SITE_URL=http://localhost \
    sh -c 'python manage.py compilemessages -v 0 \
        && python manage.py collectstatic --noinput -v 0' \
    && python -m compileall -q . \
    && mkdir -p "$VAR_DIR/media" "$VAR_DIR/mail" "$VAR_DIR/beat" \
    && chown -R app:app "$VAR_DIR/media" "$VAR_DIR/mail" "$VAR_DIR/beat"

USER app

EXPOSE 8000

CMD ["gunicorn", "kooperationsraum.wsgi:application"]
