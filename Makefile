# The course's two commands: `make lab` (open the course) and `make test`
# (run every check). Both create .venv on first use and re-use it after.
# Without make: see "Start without make" in the README (`python -m lessonlib lab`).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# One stamp per set of extras: `make lab` installs lessonlib and JupyterLab only;
# `make test` adds the test tools. Each re-installs only when the metadata changed.
LAB_STAMP  := $(VENV)/.installed-lab
TEST_STAMP := $(VENV)/.installed-test
METADATA   := pyproject.toml lessonlib/version.py
PIP        := $(BIN)/python -m pip install --quiet --disable-pip-version-check
# Two pytest-xdist workers share the tests (tests/conftest.py says how);
# `make test WORKERS=0` runs them all in this one process.
WORKERS ?= 2

.PHONY: help install lab test test-fast browser lint hooks bench stock clean html instructor reset

help:
	@echo "make lab        open the course in JupyterLab (localhost, with a token)"
	@echo "make test       install what is needed and run every check: ruff, then every test, browser included"
	@echo "make test-fast  every test but the real-browser ones"
	@echo "make lint       ruff over the whole repository"
	@echo "make hooks      install the pre-commit hooks (strip notebooks, ruff; offline)"
	@echo "make bench      print the project's timing figures"
	@echo "make stock      recompute the stock figures and lab results shipped for Run All"
	@echo "make html       the static edition (every lesson executed, readable offline) in build/html"
	@echo "make instructor the instructor edition (solutions and notes filled in) in build/instructor"
	@echo "make reset LESSON=03   restore a lesson notebook as shipped (quiz progress kept)"
	@echo "make clean      remove .venv and test artifacts"
	@echo "make test-hub   a real JupyterHub: students pull the course, answer quizzes; the classroom service"

# Said the same way in pyproject.toml, environment.yml and the README (a test checks).
$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "This course needs Python 3.11 or newer; found " + sys.version.split()[0] + ".")'
	$(PYTHON) -m venv $(VENV)

$(LAB_STAMP): $(METADATA) | $(BIN)/python
	$(PIP) -e '.[lab]'
	@touch $@

$(TEST_STAMP): $(METADATA) | $(BIN)/python
	$(PIP) -e '.[lab,test]'
	@touch $@ $(LAB_STAMP)

install: $(TEST_STAMP)

# The safe defaults (127.0.0.1 only, the token kept, --allow-root only as root)
# live in one place, lessonlib/course/start.py, shared with `python -m lessonlib lab`.
lab: $(LAB_STAMP)
	$(BIN)/python -m lessonlib lab

browser: $(TEST_STAMP)
	$(BIN)/python scripts/ensure_browser.py --install

# Python caches compiled modules even where the environment says not to
# (PYTHONDONTWRITEBYTECODE): some fifty kernels and both workers import lessonlib,
# and compiling it afresh in each cost about ten seconds of a run.
test test-fast: export PYTHONDONTWRITEBYTECODE =

test: lint browser
	$(BIN)/python -m pytest -n $(WORKERS)

test-fast: $(TEST_STAMP)
	$(BIN)/python -m pytest -n $(WORKERS) -m "not browser"

lint: $(TEST_STAMP)
	$(BIN)/ruff check .

hooks: $(TEST_STAMP)
	$(BIN)/pre-commit install

bench: $(TEST_STAMP)
	@for b in benchmarks/bench_*.py; do $(BIN)/python $$b; done

stock: $(TEST_STAMP)
	$(BIN)/python scripts/stock.py

html: $(TEST_STAMP)
	$(BIN)/python scripts/build_html.py --out build/html

instructor: $(TEST_STAMP)
	$(BIN)/python scripts/build_instructor.py --out build/instructor

reset: $(LAB_STAMP)
	@test -n "$(LESSON)" || { echo "Say which lesson: make reset LESSON=03"; exit 2; }
	$(BIN)/python -m lessonlib reset $(LESSON)

clean:
	rm -rf $(VENV) test-artifacts build .pytest_cache .hub-tools

# --- a real JupyterHub in the tests (tests/hub/; its own target: it takes minutes) ---
# JupyterHub, nbgitpuller, the service's packages and the PostgreSQL driver from PyPI (the
# [hub] extra); JupyterHub's 5 line into .hub-tools/jupyterhub5 (tests/hub/jupyterhub5.txt);
# configurable-http-proxy from npm into .hub-tools/ (git-ignored), as tests/hub/package-lock.json
# pins; PostgreSQL from Debian's packages (apt-get, as root, when missing).
HUB_TOOLS := .hub-tools
HUB_STAMP := $(VENV)/.hub-stamp
HUB5_STAMP := $(HUB_TOOLS)/jupyterhub5/.installed

$(HUB_STAMP): $(TEST_STAMP) $(METADATA) tests/hub/package.json tests/hub/package-lock.json
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[lab,test,hub]'
	@mkdir -p $(HUB_TOOLS)
	cp tests/hub/package.json tests/hub/package-lock.json $(HUB_TOOLS)/
	npm ci --prefix $(HUB_TOOLS) --no-audit --no-fund --loglevel=error
	@touch $@

$(HUB5_STAMP): tests/hub/jupyterhub5.txt | $(HUB_STAMP)
	rm -rf $(HUB_TOOLS)/jupyterhub5
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps \
		--target $(HUB_TOOLS)/jupyterhub5 -r tests/hub/jupyterhub5.txt
	@touch $@

# Each pair is one run of tests/hub: JupyterHub's line (6, the current one; 5, what Zero to
# JupyterHub 4.4 and TLJH 2.0 ship) and the classroom's database. `make test-hub HUB_RUNS=6/sqlite`
# runs one.
HUB_RUNS ?= 6/sqlite 6/postgresql 5/sqlite 5/postgresql

.PHONY: install-hub test-hub postgres
postgres:
	@$(BIN)/python scripts/ensure_postgres.py --install

install-hub: $(HUB_STAMP) $(HUB5_STAMP) postgres

test-hub: install-hub browser
	$(BIN)/python -m pytest lessonlib/classroom_web
	@rm -f test-artifacts/classroom-load.json
	@set -e; for pair in $(HUB_RUNS); do \
		echo "--- tests/hub: JupyterHub $${pair%/*}, $${pair#*/}"; \
		HUB_LINE=$${pair%/*} HUB_DB=$${pair#*/} $(BIN)/python -m pytest tests/hub --durations=5; \
	done
