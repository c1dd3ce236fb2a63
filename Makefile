# Two commands on a fresh clone: `make run` and `make test`. Both set everything up themselves.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
CATALOGS := resources/translations

.PHONY: run test test-fast lint contracts typecheck compile-translations extract update-catalogs \
	i18n-coverage i18n-check clean

$(STAMP): requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

compile-translations: $(STAMP)
	@if ls $(CATALOGS)/*/LC_MESSAGES/messages.po >/dev/null 2>&1; then \
		$(VENV)/bin/pybabel compile --statistics -D messages -d $(CATALOGS) 2>&1 | grep -v '^compiling' || true; \
	fi

# Translations (docs/TRANSLATING.md): after adding strings, `make extract update-catalogs`, translate
# the new empty msgstr entries, then `make i18n-coverage`.
extract: $(STAMP)
	$(PY) tools/i18n.py extract

update-catalogs: $(STAMP)
	$(PY) tools/i18n.py update

i18n-coverage: $(STAMP)
	@$(PY) tools/i18n.py coverage

i18n-check: $(STAMP)
	$(PY) tools/i18n.py check

# Native review (docs/TRANSLATING.md): `make l10n-review LANG=kk` writes l10n-review/l10n-review-kk.xlsx;
# `make l10n-apply FILE=l10n-review/l10n-review-kk.xlsx` previews the suggestions, YES=1 writes them.
.PHONY: l10n-review l10n-apply
l10n-review: $(STAMP)
	$(PY) tools/l10n_review.py review $(LANG)

l10n-apply: $(STAMP)
	$(PY) tools/l10n_review.py apply "$(FILE)" $(if $(YES),--yes)

run: $(STAMP) compile-translations
	$(PY) main.py

lint: $(STAMP)
	$(VENV)/bin/ruff check .

# The import contracts in pyproject.toml ([tool.importlinter]; docs/ARCHITECTURE.md says why).
contracts: $(STAMP)
	$(VENV)/bin/lint-imports --no-logo

# Types ([tool.mypy] in pyproject.toml): strict below app/ui, checked bodies in app/ui and app/cli.
# The cache in .mypy_cache/ makes a run after a small change take a few seconds.
typecheck: $(STAMP)
	$(VENV)/bin/mypy

test: $(STAMP) compile-translations lint contracts typecheck
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

# The loop while developing: every test but those marked slow (the crash campaign, LibreOffice round
# trips), in FAST_WORKERS processes (pytest-xdist; one test file stays in one process, so a module's
# fixtures are built once), the property tests on a quarter of their examples
# (tests/hypothesis_budget.py). `make test`, which CI runs, still runs them all, in full, in one process.
FAST_WORKERS ?= 2
test-fast: $(STAMP) compile-translations lint contracts typecheck
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -m "not slow" -q -n $(FAST_WORKERS) --dist loadfile \
		--hypothesis-profile fast

# The packaged app (pyinstaller.spec): one folder in dist/AlmatyProcessTracker/, or one file in
# dist/onefile/. `make package-check` builds the folder and runs the packaged app's self-test.
.PHONY: package package-onefile package-check
PACKAGE_STAMP := $(VENV)/.package-stamp
APP_EXE := dist/AlmatyProcessTracker/AlmatyProcessTracker

$(PACKAGE_STAMP): $(STAMP) requirements-package.txt
	$(PY) -m pip install --quiet -r requirements-package.txt
	touch $(PACKAGE_STAMP)

package: $(PACKAGE_STAMP) compile-translations
	$(VENV)/bin/pyinstaller --noconfirm --clean --log-level WARN \
		--workpath build/onedir --distpath dist pyinstaller.spec
	@du -sh dist/AlmatyProcessTracker

package-onefile: $(PACKAGE_STAMP) compile-translations
	APT_ONEFILE=1 $(VENV)/bin/pyinstaller --noconfirm --clean --log-level WARN \
		--workpath build/onefile --distpath dist/onefile pyinstaller.spec
	@du -sh dist/onefile/AlmatyProcessTracker*

package-check: package
	$(PY) tools/package_check.py $(APP_EXE)

# The Windows package, built and checked on this Linux machine under Wine (tools/windows_check.sh):
# Windows CPython 3.11 and the same pinned wheels, the same pyinstaller.spec, the packaged self-test
# and tools/package_check.py, the Inno Setup installer installed and removed, the one-file build.
# Installs wine with apt when missing; downloads are kept in ~/.cache/apt-windows.
.PHONY: package-windows-check
package-windows-check: $(STAMP)
	HOSTPY=$(PY) tools/windows_check.sh

# Benchmarks (see bench/run.py): one table of timings beside their floors, also written
# to bench/results/latest.json. Demo workspaces are generated once into bench/.cache/.
.PHONY: bench bench-quick
bench: $(STAMP) compile-translations
	$(PY) -m bench.run

bench-quick: $(STAMP) compile-translations
	$(PY) -m bench.run --quick

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache .mypy_cache .import_linter_cache
