# The report's two commands: `make book` builds it, `make test` tests it.
# Both create the virtual environment and install everything they need.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
JB_FLAGS := -n -W --keep-going
PDF_NAME := us-mexico-security-dialogues.pdf

# The venv's tools (jupyter-book, the python3 kernel) come first on PATH.
export PATH := $(abspath $(BIN)):$(PATH)
export PYTHONHASHSEED := 0
# Python keeps compiled bytecode, as it does by default: an environment that turns it off (many container
# images set PYTHONDONTWRITEBYTECODE) made every test worker rewrite the asserts of every test module again
# on every run, 5 to 6 s of CPU each.
unexport PYTHONDONTWRITEBYTECODE

.PHONY: book html pdf locked-html locked-pdf with-system-deps built tested test unit notebooks key-figures bench venv system-deps lab clean help

help:
	@echo "make book   build the HTML book (_build/html) and the PDF (_build/latex/$(PDF_NAME))"
	@echo "make test   build the book, then run the unit tests, data checks, nbval on every chapter"
	@echo "            and the tests of the built HTML (in Chromium) and PDF"
	@echo "make notebooks  re-execute the chapters in place (after changing them, data or helpers)"
	@echo "make key-figures  record the numbers the prose quotes (key_figures.csv) after a deliberate change"
	@echo "make bench  measure builds, tests and the helpers at scale (benchmarks/results.json)"
	@echo "make lab    open the chapters in JupyterLab"

venv: $(STAMP)

# Python packages: exactly the versions of requirements.lock, installed by uv
# (from PyPI, itself pinned in the lock) when it can be had, else by pip.
# uv compiles the packages' bytecode at install as pip does: uv's default is
# not to, and where PYTHONDONTWRITEBYTECODE is set every kernel, test worker
# and build then compiled pandas, matplotlib and scikit-learn again on import
# (10.5 s instead of 2.9 s, for each of some forty processes of `make test`).
$(STAMP): requirements.txt requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11+ is needed"'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || \
		{ rm -rf $(VENV); tools/system-deps.sh python-venv && $(PYTHON) -m venv $(VENV); }
	@if $(BIN)/python -m pip install --quiet "$$(grep '^uv==' requirements.lock)" 2>/dev/null; then \
	  echo "installing the locked packages with uv"; \
	  $(BIN)/python -m uv pip install --quiet --compile-bytecode --python $(BIN)/python -r requirements.txt -c requirements.lock && \
	  $(BIN)/python -m uv pip install --quiet --python $(BIN)/python --no-deps -e .; \
	else \
	  echo "uv is not available: installing the locked packages with pip"; \
	  $(BIN)/python -m pip install --quiet -r requirements.txt -c requirements.lock && \
	  $(BIN)/python -m pip install --quiet --no-deps -e .; \
	fi
	touch $(STAMP)

system-deps:
	@tools/system-deps.sh pdf

# The system packages (TeX Live; Chromium for the tests) install in the
# background while the Python packages install and the HTML book builds:
# on a fresh machine that is most of the waiting.
SYSTEM_DEPS_LOG := _build/system-deps.log

book:
	@$(MAKE) --no-print-directory with-system-deps NEEDS=pdf THEN=built

test:
	@$(MAKE) --no-print-directory with-system-deps NEEDS="pdf browser" THEN=tested

with-system-deps:
	@mkdir -p _build; tools/system-deps.sh $(NEEDS) > $(SYSTEM_DEPS_LOG) 2>&1 & deps=$$!; \
	$(MAKE) --no-print-directory html || { wait $$deps; exit 1; }; \
	if wait $$deps; then cat $(SYSTEM_DEPS_LOG); $(MAKE) --no-print-directory pdf; \
	else cat $(SYSTEM_DEPS_LOG); echo "PDF skipped: see the message above for what to install."; \
	  test "$(THEN)" != tested || exit 1; fi; \
	$(MAKE) --no-print-directory $(THEN)

built:
	@echo "HTML: _build/html/index.html"

# Each builder is skipped when no source changed since its last successful
# build (tools/up_to_date.py); otherwise only the chapters whose inputs
# changed re-execute (tools/invalidate_cache.py), side by side, one kernel per
# CPU (tools/prefetch_executions.py), before Sphinx reads them from the cache.
# One build at a time (tools/locked.py): two builds at once would both write
# into _build/. The lock is taken once, around the whole builder run.
LOCKED := $(BIN)/python tools/locked.py $(MAKE) --no-print-directory

html: $(STAMP)
	@$(LOCKED) locked-html

pdf: $(STAMP)
	@$(LOCKED) locked-pdf

locked-html:
	@if $(BIN)/python tools/up_to_date.py html; then echo "HTML up to date: no source changed since the last build"; \
	else $(BIN)/python tools/invalidate_cache.py && $(BIN)/python tools/prefetch_executions.py && \
	  $(BIN)/jupyter-book build . --builder html $(JB_FLAGS) && \
	  $(BIN)/python tools/up_to_date.py html --record; fi

locked-pdf:
	@if $(BIN)/python tools/up_to_date.py pdf && test -f _build/html/$(PDF_NAME); then \
	  echo "PDF up to date: no source changed since the last build"; \
	else $(BIN)/python tools/invalidate_cache.py && $(BIN)/python tools/prefetch_executions.py && \
	  $(BIN)/jupyter-book build . --builder pdflatex $(JB_FLAGS) && \
	  cp _build/latex/$(PDF_NAME) _build/html/$(PDF_NAME) && \
	  $(BIN)/python tools/up_to_date.py pdf --record; fi
	@echo "PDF: _build/latex/$(PDF_NAME)"

# The tests of the built book (tests/outputs: real browser, PDF) need the book,
# so `make test` builds it first (see with-system-deps); the build is cached
# when nothing changed.
tested: $(STAMP)
	$(BIN)/ruff check . && $(BIN)/ruff format --check .
	$(BIN)/python -m pytest tests chapters --nbval --nbval-current-env \
		--nbval-sanitize-with tests/nbval_sanitize.cfg -n auto --dist loadfile

unit: $(STAMP)
	$(BIN)/python -m pytest tests -m "not outputs"

notebooks: $(STAMP)
	$(BIN)/python tools/execute_notebooks.py

key-figures: $(STAMP)
	$(BIN)/python -m helpers.key_figures

# Rebuilds from a clean _build/ several times: takes several minutes.
bench: $(STAMP)
	@tools/system-deps.sh pdf
	$(BIN)/python tools/bench.py $(BENCH_ARGS)

lab: $(STAMP)
	$(BIN)/python -m pip install --quiet jupyterlab
	$(BIN)/jupyter lab chapters/

clean:
	rm -rf _build
