# Comptoir — the two commands a newcomer needs are `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip
HOST   ?= 127.0.0.1:8000

.PHONY: demo install install-test test migrate demo-data serve lint messages clean bench

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(VENV)/bin/python
	$(PIP) install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(PIP) install --quiet -e ".[test]"
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

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

lint: install-test
	$(VENV)/bin/ruff check .

messages: install
	$(PY) manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
