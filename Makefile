# Comptoir — the two commands a newcomer needs are `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip
HOST   ?= 127.0.0.1:8000

# uv makes the lock files (make lock); nothing else uses it.
UV_VERSION ?= 0.13.9
COMPILE = $(VENV)/bin/uv pip compile pyproject.toml requirements/build.in --universal \
	--python-version 3.11 --generate-hashes --quiet

.PHONY: demo install install-test test migrate demo-data serve lint messages clean bench \
	lock lock-upgrade lock-check screenshots lighthouse

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

# Installs come from the lock files only: exact versions, checked against their hashes.
$(VENV)/.installed: pyproject.toml requirements/base.txt | $(VENV)/bin/python
	$(PYTHON) requirements/lock.py check
	$(PIP) install --quiet --require-hashes --no-deps -r requirements/base.txt
	$(PIP) install --quiet --no-deps --no-build-isolation -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml requirements/test.txt $(VENV)/.installed
	$(PIP) install --quiet --require-hashes --no-deps -r requirements/test.txt
	touch $@

## make lock-check: fails, saying what to do, when pyproject.toml changed since the lock files
lock-check:
	$(PYTHON) requirements/lock.py check

## make lock: lock files in step with pyproject.toml, keeping the versions already locked
lock: | $(VENV)/bin/python
	$(PIP) install --quiet "uv==$(UV_VERSION)"
	$(COMPILE) $(LOCK_ARGS) -o requirements/base.txt
	$(COMPILE) $(LOCK_ARGS) --extra test -c requirements/base.txt -o requirements/test.txt
	$(PYTHON) requirements/lock.py stamp

## make lock-upgrade: the newest versions pyproject.toml allows
lock-upgrade:
	$(MAKE) lock LOCK_ARGS=--upgrade

install: lock-check $(VENV)/.installed

install-test: lock-check $(VENV)/.installed-test

migrate: install
	$(PY) manage.py migrate --noinput

demo-data: migrate
	$(PY) manage.py load_demo
	$(PY) manage.py load_demo_services
	$(PY) manage.py load_demo_rentals
	$(PY) manage.py load_demo_orders

## make demo: SQLite, tasks in-process, demo data, served on http://127.0.0.1:8000
demo: demo-data
	$(PY) manage.py demo_logins --base-url http://$(HOST)
	$(PY) manage.py runserver $(HOST)

## make test: the whole suite (PostgreSQL and Redis when DATABASE_URL / REDIS_URL are set)
test: install-test
	$(PY) -m pytest $(PYTEST_ARGS)

## make bench: our shop against stock Oscar and a 2 KB Django page (PostgreSQL needed; not part of make test)
bench: install
	bash bench/run.sh

## make screenshots: the main pages in French at 1280 and 375 px, as PNGs in
## $(SCREENSHOTS_DIR) or /tmp/comptoir-screenshots (the demo served from a temporary folder)
screenshots: install-test
	$(PY) tools/screenshots.py

LIGHTHOUSE_NPM := tools/lighthouse/node_modules/.installed
$(LIGHTHOUSE_NPM): tools/lighthouse/package.json tools/lighthouse/package-lock.json
	cd tools/lighthouse && npm ci --no-audit --no-fund --loglevel=error
	touch $@

## make lighthouse: Lighthouse scores of the main pages (demo served as in production); fails
## below accessibility 100, best practices 100, performance 95, SEO 95
lighthouse: install $(LIGHTHOUSE_NPM)
	$(PY) tools/run_lighthouse.py

lint: install-test
	$(VENV)/bin/ruff check .

messages: install
	$(PY) manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
