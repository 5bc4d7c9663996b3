# Two set-up commands: `make run` and `make test`. Everything else is a step they call.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test bench install messages check-deploy clean

$(VENV)/.installed: pyproject.toml package.json package-lock.json
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade "pip>=25.1"
	$(VENV)/bin/pip install --quiet --group test
	npm ci --no-audit --no-fund --silent
	touch $@

.env:
	cp .env.example .env

install: $(VENV)/.installed .env

messages: install
	$(MANAGE) compilemessages --ignore=.venv --ignore=node_modules -v 0

# With DATABASE_URL and REDIS_URL set: PostgreSQL, plus a real Celery worker and beat beside the
# web server. Without them: SQLite, tasks run eagerly, e-mail lands in var/mail/.
run: messages
	mkdir -p var/mail
	$(MANAGE) migrate --noinput -v 0
	$(MANAGE) seed_demo
	@if [ -n "$$REDIS_URL" ]; then \
	  trap 'kill 0' EXIT; \
	  $(VENV)/bin/celery -A kooperationsraum worker --loglevel=INFO --concurrency=2 & \
	  $(VENV)/bin/celery -A kooperationsraum beat --loglevel=INFO --schedule=var/celerybeat-schedule & \
	  $(MANAGE) runserver $(HOST):$(PORT); \
	else \
	  $(MANAGE) runserver $(HOST):$(PORT); \
	fi

# Two workers (pytest-xdist), each with its own test database; tests that start real services share
# one worker, each browser module keeps to one worker (tests/conftest.py groups them), and the groups
# spread over both. PYTEST_ARGS="-n 0" runs serially.
PYTEST_ARGS ?= -n 2 --dist loadgroup --durations=10

test: messages
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/pytest $(PYTEST_ARGS)

bench: messages
	$(PY) -m bench

clean:
	rm -rf $(VENV) node_modules var
