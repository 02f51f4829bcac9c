# Production image: gunicorn serving kbase with production settings.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=kbase.settings.production PORT=8000 HOST=0.0.0.0

WORKDIR /app
COPY pyproject.toml constraints.txt README.md ./
COPY kbase ./kbase
RUN pip install --no-cache-dir -c constraints.txt . \
    && useradd --system --uid 10001 kbase
COPY manage.py gunicorn.conf.py ./
COPY fixtures ./fixtures
# collectstatic needs a secret to import settings; this one is used for nothing else.
RUN SECRET_KEY=collectstatic-only ALLOWED_HOSTS=localhost python manage.py collectstatic --noinput

USER kbase
EXPOSE 8000
CMD ["sh", "-c", "python manage.py migrate --noinput && python manage.py createcachetable && exec gunicorn --config gunicorn.conf.py kbase.wsgi"]
