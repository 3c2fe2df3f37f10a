# Peerdesk — the commands a newcomer needs. `make help` lists them.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
HOST   ?= 127.0.0.1
PORT   ?= 8000
PYTEST_ARGS ?=

.DEFAULT_GOAL := help
.PHONY: help install install-prod run dev serve test test-fast test-browser lint format check bench bench-peers messages lock clean

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Peerdesk needs Python 3.11 or newer; set PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# Pinned with hashes by `make lock`: runtime.txt is what production needs, dev.txt adds the tools.
$(VENV)/.installed: requirements/dev.txt $(PY)
	$(PY) -m pip install --quiet --require-hashes -r requirements/dev.txt
	@touch $@

install: $(VENV)/.installed ## Create .venv and install runtime and development dependencies

install-prod: $(PY) ## Create .venv with the runtime dependencies only (no test or lint tools)
	$(PY) -m pip install --quiet --require-hashes -r requirements/runtime.txt

var:
	@mkdir -p var

# The search index is rebuilt only when it is missing, empty or built for another schema.
prepare: install var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo --if-empty
	$(PY) manage.py embed --missing
	$(PY) manage.py ensure_search_index -v 2

# `make run` shows the site as visitors meet it (DEBUG off: branded error pages);
# `make dev` or `DEBUG=true make run` shows Django's debugging pages instead.
DEBUG ?= false

run: prepare ## Set up, load the demo community, and run web server + Celery worker + beat
	DEBUG=$(DEBUG) $(PY) manage.py runall --host $(HOST) --port $(PORT)

dev: prepare ## Like run, with Django's debugging pages (DEBUG on)
	DEBUG=true $(PY) manage.py runall --host $(HOST) --port $(PORT)

serve: prepare ## Like run, but with gunicorn instead of Django's development server
	DEBUG=$(DEBUG) $(PY) manage.py runall --gunicorn --host $(HOST) --port $(PORT)

test: install ## Run the whole test suite (browser tests skip without Chromium)
	$(PY) -m pytest -n auto $(PYTEST_ARGS)

test-fast: install ## Run the tests without the browser and real-worker tests
	$(PY) -m pytest -m "not browser and not worker" $(PYTEST_ARGS)

test-browser: install ## Run only the browser tests (needs Debian's chromium)
	$(PY) -m pytest tests/e2e $(PYTEST_ARGS)

lint: install ## ruff check and format check, Django system checks, migrations up to date
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

format: install ## Format the code with ruff
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# The benchmark builds each data set once, in a database and index of its own
# (var/bench-<threads>-<posts>*), and times pages with DEBUG off as in production.
# BENCH_ARGS=--rebuild starts over; `manage.py bench --help` lists the options.
# Visitors' whole-page cache is off: the figures are what rendering a page costs. The rate
# limits are off too (a benchmark is one visitor asking very often).
BENCH_ENV = DATABASE_URL=sqlite:///$(CURDIR)/var/bench.sqlite3 SEARCH_URL=whoosh://$(CURDIR)/var/bench-whoosh \
	DEBUG=0 SECRET_KEY=benchmark-only-not-secret ALLOWED_HOSTS=testserver LOG_LEVEL=WARNING \
	VISITOR_PAGE_CACHE=false RATE_LIMITS=false
BENCH_ARGS ?=
BENCH_PEERS_ARGS ?=

bench: install var ## Time every main page against a bare Django page in the same run (ratios, targets)
	$(BENCH_ENV) $(PY) manage.py bench $(BENCH_ARGS)

bench-peers: install var ## Peerdesk against Spirit under gunicorn and wrk (installs Spirit into var/peers)
	$(PY) bench/peers.py $(BENCH_PEERS_ARGS)

messages: install ## Update the .po files from the code, then compile them (needs GNU gettext)
	$(PY) manage.py makemessages -l de -l en --ignore=.venv --ignore=var --ignore=staticfiles --ignore=tests
	$(PY) manage.py makemessages -d djangojs -l de -l en --ignore=.venv --ignore=var --ignore=static/vendor --ignore=staticfiles --ignore=tests
	$(PY) manage.py compilemessages --ignore=.venv

PIP_COMPILE = pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links

lock: ## Re-resolve pyproject.toml into requirements/runtime.txt and requirements/dev.txt (hashed)
	rm -rf /tmp/peerdesk-lock && $(PYTHON) -m venv /tmp/peerdesk-lock
	/tmp/peerdesk-lock/bin/pip install --quiet --upgrade pip pip-tools
	PATH=/tmp/peerdesk-lock/bin:$$PATH $(PIP_COMPILE) -o requirements/runtime.txt pyproject.toml
	PATH=/tmp/peerdesk-lock/bin:$$PATH $(PIP_COMPILE) --extra dev -c requirements/runtime.txt -o requirements/dev.txt pyproject.toml

clean: ## Delete var/ (database, search index, uploads, mail) and the virtual environment
	rm -rf var $(VENV)
