# The course's two commands: `make lab` (open the course) and `make test`
# (run every check). Both create .venv on first use and re-use it after.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
START  := notebooks/00_start_here.ipynb
# Jupyter refuses to run as root unless told; containers and Binder-like boxes often are root.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: help install lab test test-fast browser lint bench clean html instructor reset

help:
	@echo "make lab        open the course in JupyterLab (localhost, with a token)"
	@echo "make test       install what is needed and run every test, browser included"
	@echo "make test-fast  every test but the real-browser ones"
	@echo "make lint       ruff over lessonlib, tests and scripts"
	@echo "make bench      print the project's timing figures"
	@echo "make html       the static edition (every lesson executed, readable offline) in build/html"
	@echo "make instructor the instructor edition (solutions and notes filled in) in build/instructor"
	@echo "make reset LESSON=03   restore a lesson notebook as shipped (quiz progress kept)"
	@echo "make clean      remove .venv and test artifacts"
	@echo "make test-hub   a real JupyterHub: students pull the course, answer quizzes; the classroom service"

# Re-install only when the project's metadata changed: a second run is instant.
$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else "This course needs Python 3.10 or newer; found " + sys.version.split()[0] + ".")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $@

install: $(STAMP)

lab: $(STAMP)
	$(BIN)/jupyter lab --ServerApp.ip=127.0.0.1 $(ROOT_FLAG) $(START)

browser: $(STAMP)
	$(BIN)/python scripts/ensure_browser.py --install

test: $(STAMP) browser
	$(BIN)/python -m pytest

test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not browser"

lint: $(STAMP)
	$(BIN)/ruff check lessonlib tests scripts benchmarks

bench: $(STAMP)
	@for b in benchmarks/bench_*.py; do $(BIN)/python $$b; done

html: $(STAMP)
	$(BIN)/python scripts/build_html.py --out build/html

instructor: $(STAMP)
	$(BIN)/python scripts/build_instructor.py --out build/instructor

reset: $(STAMP)
	@test -n "$(LESSON)" || { echo "Say which lesson: make reset LESSON=03"; exit 2; }
	$(BIN)/python -m lessonlib reset $(LESSON)

clean:
	rm -rf $(VENV) test-artifacts build .pytest_cache .hub-tools

# --- a real JupyterHub in the tests (tests/hub/; its own target: it takes minutes) ---
# JupyterHub, nbgitpuller and the service's packages from PyPI (the [hub] extra), and
# configurable-http-proxy from npm into .hub-tools/ (git-ignored), as tests/hub/package-lock.json pins.
HUB_TOOLS := .hub-tools
HUB_STAMP := $(VENV)/.hub-stamp

$(HUB_STAMP): $(STAMP) pyproject.toml tests/hub/package.json tests/hub/package-lock.json
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,hub]'
	@mkdir -p $(HUB_TOOLS)
	cp tests/hub/package.json tests/hub/package-lock.json $(HUB_TOOLS)/
	npm ci --prefix $(HUB_TOOLS) --no-audit --no-fund --loglevel=error
	@touch $@

.PHONY: install-hub test-hub
install-hub: $(HUB_STAMP)

test-hub: $(HUB_STAMP) browser
	$(BIN)/python -m pytest tests/hub lessonlib/service
