# Two commands for a newcomer: `make run` (set up and serve on SQLite) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000
# Tests run in one worker per CPU (pytest-xdist); a file's tests stay in one worker, so a
# browser file starts its Chromium once. `make test PYTEST_ARGS=` runs them in one process.
PYTEST_ARGS ?= -n auto --dist loadfile
# Synthetic companies made for the demo (the national scale is about 400,000).
DEMO_COMPANIES ?= 3000

.PHONY: run test install lint check-migrations check-deploy messages check-messages clean

$(VENV)/.installed: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c requirements.lock -e ".[dev]"
	touch $@

install: $(VENV)/.installed .env

# A local .env (DEBUG=true) so that manage.py commands run by hand work after any make
# target; make itself never needs it. A deployment installs with pip (README), not make.
.env:
	printf 'DEBUG=true\n' > .env

run: export DEBUG = true
run: install .env
	$(PY) manage.py migrate --no-input
	$(PY) manage.py load_strategy_2008
	$(PY) manage.py create_demo_users
	$(PY) manage.py load_demo_services
	$(PY) manage.py generate_companies --count $(DEMO_COMPANIES) --seed 2008 --demo-rules
	$(PY) manage.py load_demo_responsibility
	$(PY) manage.py load_demo_governance
	@echo "Palvelu: http://$(HOST):$(PORT)/  (Ctrl-C lopettaa palvelimen ja taustatyöt)"
	@# The task worker runs the yearly re-segmentation beside the server; both stop together.
	$(PY) manage.py db_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver $(HOST):$(PORT)

# The test OpenID Connect provider (npm oidc-provider on Node.js, tests/oidc_provider/):
# installed from its lock file, again whenever the lock changes. Without npm the sign-in
# tests skip themselves (CI installs Debian's nodejs and npm: .ci/run).
OIDC_PROVIDER := tests/oidc_provider
$(OIDC_PROVIDER)/node_modules/.installed: $(OIDC_PROVIDER)/package.json $(OIDC_PROVIDER)/package-lock.json
	@if command -v npm >/dev/null; then \
	  cd $(OIDC_PROVIDER) && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error && touch node_modules/.installed; \
	else echo "npm puuttuu: OIDC-kirjautumisen testit ohitetaan (apt-get install nodejs npm)"; fi

test: install $(OIDC_PROVIDER)/node_modules/.installed
	$(BIN)/pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check-migrations: export DEBUG = true
check-migrations: install
	$(PY) manage.py makemigrations --check --dry-run

# Production settings with the documented variables set, nothing silenced.
check-deploy: install
	env DEBUG=false SECRET_KEY="$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')" \
	    ALLOWED_HOSTS=asiakkuusstrategia.example.fi \
	    CSRF_TRUSTED_ORIGINS=https://asiakkuusstrategia.example.fi \
	    $(PY) manage.py check --deploy --fail-level WARNING

# Regenerate the Swedish and English catalogues after changing texts, then translate.
messages: export DEBUG = true
messages: install
	$(PY) manage.py makemessages -l sv -l en --no-obsolete --no-location --ignore=.venv
	$(PY) manage.py compilemessages --ignore=.venv

# Fails when a text in the code has no Swedish or English translation, or only a fuzzy one.
check-messages: export DEBUG = true
check-messages: install
	$(PY) manage.py makemessages -l sv -l en --no-obsolete --no-location --ignore=.venv
	@bad=0; for po in locale/*/LC_MESSAGES/django.po; do \
	  if msgattrib --untranslated $$po | grep -q '^msgid'; then \
	    echo "$$po: kääntämättömiä tekstejä:"; msgattrib --untranslated $$po; bad=1; fi; \
	  if msgattrib --only-fuzzy $$po | grep -q '^msgid'; then \
	    echo "$$po: tarkistamattomia (fuzzy) käännöksiä:"; msgattrib --only-fuzzy $$po; bad=1; fi; \
	done; exit $$bad

clean:
	rm -rf $(VENV) staticfiles
