# testme — `make run` serves the console with its sandbox; `make test` runs the whole suite.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip

.PHONY: run test check bench load clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip

$(VENV)/.run-deps: pyproject.toml | $(PY)
	$(PIP) install -q -e .
	touch $@

$(VENV)/.test-deps: pyproject.toml | $(PY)
	$(PIP) install -q -e '.[test]'
	touch $@ $(VENV)/.run-deps

run: $(VENV)/.run-deps
	$(VENV)/bin/testme

# The Node code samples run in the tests with the official client, and axe-core checks the
# console's accessibility, both pinned (see tests/e2e/test_javascript_sample_runs.py and
# tests/e2e/test_accessibility.py).
NODE_MODULES := $(VENV)/node/node_modules
KALTURA_NODE_CLIENT := kaltura-client@21.20.0
AXE_CORE := axe-core@4.11.0

# pytest-xdist workers: three on two cores, since the browser tests spend much of their time
# waiting on Chromium (the whole suite: 12.7 min in one process, 5.5 min in three). The tests
# without a browser run first, then the browser ones: mixed in one run, the three workers held
# Chromium, live sandboxes and CPU-bound tables at once and took 9.5 min; apart, 2.1 + 3.3 min.
TEST_WORKERS ?= 3

$(NODE_MODULES)/kaltura-client: Makefile
	@if command -v npm >/dev/null; then \
		npm install --silent --prefix $(VENV)/node $(KALTURA_NODE_CLIENT) && touch $@; \
	else echo "npm not found: the Node code-sample tests will be skipped"; fi

$(NODE_MODULES)/axe-core: $(NODE_MODULES)/kaltura-client
	@if command -v npm >/dev/null; then \
		npm install --silent --prefix $(VENV)/node $(AXE_CORE) && touch $@; \
	else echo "npm not found: the accessibility test will be skipped"; fi

test: $(VENV)/.test-deps $(NODE_MODULES)/kaltura-client $(NODE_MODULES)/axe-core
	scripts/install-checkers
	chromium="$$(scripts/find-chromium $(PY))" && export TESTME_CHROMIUM="$$chromium" \
		TESTME_NODE_MODULES="$(abspath $(NODE_MODULES))" && \
		$(PY) -m pytest -n $(TEST_WORKERS) -m "not browser" && \
		$(PY) -m pytest -n $(TEST_WORKERS) -m browser

check: $(VENV)/.test-deps
	$(VENV)/bin/ruff check app tests scripts
	$(VENV)/bin/ruff format --check app tests scripts
	$(VENV)/bin/mypy

bench: $(VENV)/.test-deps
	TESTME_CHROMIUM="$$(scripts/find-chromium $(PY) || true)" $(PY) scripts/bench.py

# 2,000 Sends at 50 concurrency through the console to its sandbox, twice (README "Load").
load: $(VENV)/.run-deps
	$(PY) scripts/load.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
