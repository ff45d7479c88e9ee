# Frivillig: `make run` for the demo, `make test` for the suite. See README.md.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run serve test lint format clean messages
.PHONY: bench bench-deck cluster

$(VENV)/.installed: pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is required ($(PYTHON) not found)."; exit 1; }
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet ".[dev]"
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(VENV)/.installed node_modules/.installed

run: install
	DEBUG=1 $(PY) manage.py migrate --noinput
	DEBUG=1 $(PY) manage.py seed_demo
	@echo "\nFrivillig kjører på http://$(HOST):$(PORT)/ (Ctrl+C stopper)"
	DEBUG=1 $(PY) manage.py runserver $(HOST):$(PORT)

# Production's way on this machine: PostgreSQL, migrations, hashed static files and
# gunicorn (gunicorn.conf.py) with PRODUCTION=1 behind a proxy that terminates HTTPS,
# with the background worker (db_worker) beside it: scripts/serve.py runs both and
# stops both on Ctrl+C.
serve: export PRODUCTION = 1
serve: export CONN_MAX_AGE ?= 60
serve: install
	@case "$$DATABASE_URL" in postgres://*|postgresql://*) ;; *) \
	  echo "make serve runs on PostgreSQL: set DATABASE_URL, e.g."; \
	  echo "  DATABASE_URL=postgres://postgres@127.0.0.1:5432/frivillig SECRET_KEY=... make serve"; \
	  exit 1;; esac
	@test -n "$$SECRET_KEY" || { echo "make serve needs SECRET_KEY (50+ random characters), e.g."; \
	  echo "  export SECRET_KEY=\$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')"; exit 1; }
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput -v0
	@echo "\nFrivillig (produksjon) på http://$(HOST):$(PORT)/ bak en proxy med HTTPS (Ctrl+C stopper)"
	exec $(PY) scripts/serve.py $(HOST):$(PORT)

# Several app servers on this machine (README.md, "Several servers"): nginx on
# 127.0.0.1:$(CLUSTER_PORT) in front of two gunicorn instances and one task worker, on the
# PostgreSQL of DATABASE_URL and the Redis of REDIS_URL, with the demo. Ctrl+C stops it.
CLUSTER_PORT ?= 8080
cluster: install
	@case "$$DATABASE_URL" in postgres://*|postgresql://*) ;; *) \
	  echo "make cluster runs on PostgreSQL: set DATABASE_URL, e.g."; \
	  echo "  DATABASE_URL=postgres://postgres@127.0.0.1:5432/frivillig_cluster make cluster"; \
	  exit 1;; esac
	@# nginx from Debian when missing and this user may (as CI does with Chromium).
	@command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || { [ "$$(id -u)" = 0 ] && \
		command -v apt-get >/dev/null && apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null; } || \
		{ echo "make cluster needs nginx: sudo apt-get install nginx"; exit 1; }
	$(PY) manage.py run_cluster --port $(CLUSTER_PORT)

# In parallel, one pytest-xdist worker per core, each with its own test database;
# worksteal lets a worker that is done take tests from a busy one (the browser tests
# differ in length). PYTEST_ARGS replaces these, e.g. make test PYTEST_ARGS="tests/demo".
PYTEST_ARGS ?= -n auto --dist worksteal
test: install
	$(VENV)/bin/pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

messages: install
	$(PY) manage.py makemessages -l nb -l nn -l en --no-obsolete
	$(PY) manage.py compilemessages --ignore=$(VENV) --ignore=node_modules

clean:
	rm -rf $(VENV) node_modules staticfiles

# The performance benchmark on PostgreSQL (about 10 minutes): see README.md,
# "Performance benchmark". Writes docs/performance.md.
# BENCHMARK=1 installs the benchmark's app and its /ping, in this process and the
# ones it starts.
bench: export BENCHMARK = 1
bench: install
	@test -n "$$DATABASE_URL" || { echo "make bench needs PostgreSQL: set DATABASE_URL, e.g."; echo "  DATABASE_URL=postgres://postgres@127.0.0.1:5432/frivillig make bench"; echo "It builds its own databases frivillig_bench and frivillig_bench_small there."; exit 1; }
	@# The load generator and nginx (one and two instances behind it): installed from Debian
	@# when missing and this user may (as CI does with Chromium); otherwise run_benchmark
	@# says how to get them.
	@{ command -v wrk && { command -v nginx || [ -x /usr/sbin/nginx ]; }; } >/dev/null || \
		{ [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk nginx >/dev/null; } || true
	$(PY) manage.py run_benchmark $(BENCH_ARGS)

# The deck's first downloads (issue 15), on the demo in DATABASE_URL (SQLite by default):
# the worker's time to make the PDF and the PowerPoint file, and the first download
# after it (the goal: under 2 s).
bench-deck: export BENCHMARK = 1
bench-deck: install
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py seed_demo >/dev/null
	$(PY) manage.py bench_deck 2>/dev/null
