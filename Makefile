# Two commands matter: `make demo` (the main job) and `make test` (the whole suite).
# Both create .venv on a fresh machine (Python 3.11 + apt only) and are idempotent.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export PYTHONHASHSEED := 0

.PHONY: venv test demo lab build check bench lint format clean

venv: $(STAMP)

# Re-installs only when the pins or the package metadata change.
$(STAMP): environment.yml pyproject.toml grader/envspec.py
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is required ($(PYTHON) not found)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python grader/envspec.py environment.yml > $(VENV)/requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r $(VENV)/requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $(STAMP)

# The whole test suite: lint, unit and pipeline tests, and nbval over every
# shipped notebook in both languages (2 workers, one notebook per worker).
test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest -n 2 --dist loadgroup --nbval --nbval-current-env tests notebooks/en notebooks/fr

# The main job (until the grading pipeline lands): rebuild the bilingual
# notebooks from their sources, execute them, and print their run times.
demo: $(STAMP)
	$(BIN)/grader build

lab: $(STAMP)
	$(BIN)/jupyter lab --notebook-dir=notebooks

build: $(STAMP)
	$(BIN)/grader build

check: $(STAMP)
	$(BIN)/grader build --check

bench: $(STAMP)
	$(BIN)/grader bench

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV)
