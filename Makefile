# Two commands matter: `make demo` (the main job) and `make test` (the whole suite).
# Both create .venv on a fresh machine (Python 3.11 + apt only) and are idempotent.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export PYTHONHASHSEED := 0

.PHONY: venv test demo lab student formgrader build check bench perturb lint format clean catalogues

venv: $(STAMP)

# Re-installs only when the pins or the package metadata change.
$(STAMP): environment.yml pyproject.toml dev/pyproject.toml grader/envspec.py
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is required ($(PYTHON) not found)"; exit 1; }
	@# The autograder's sandbox (grader/sandbox/): bubblewrap, from the system's packages;
	@# the browser tests: Debian's chromium, driven by Playwright (never `playwright install`).
	@{ command -v bwrap && test -x /usr/bin/chromium; } >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq bubblewrap chromium >/dev/null; }
	@command -v bwrap >/dev/null || { echo "bubblewrap (bwrap) is required: apt-get install bubblewrap"; exit 1; }
	@# The PostgreSQL gradebook's tests start a throwaway server (Debian's postgresql package).
	@test -x "$$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | tail -1)/initdb" || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq postgresql >/dev/null; }
	@test -x /usr/bin/chromium || { echo "chromium is required for the browser tests: apt-get install chromium"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python grader/envspec.py environment.yml > $(VENV)/requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r $(VENV)/requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e . -e dev
	@touch $(STAMP)

# The whole test suite: lint, unit and pipeline tests, and nbval over every
# shipped notebook in both languages (2 workers, one notebook per worker; each
# notebook's kernel is forked from one that imported TensorFlow: dev/devkit/zygote.py; a
# worker's first kernel waits for those imports, 5 s here, 35 s on a machine 7 times
# slower with the other core busy, so kernels get 300 s to start instead of nbval's 60).
test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest -n 2 --dist loadgroup --nbval --nbval-kernel-name course-nbval \
	  --nbval-kernel-startup-timeout 300 tests notebooks/en notebooks/fr

# The main job: the whole instructor pipeline on the sample class
# (course/sample_class/class.yml), in the course root course/.
demo: $(STAMP)
	$(BIN)/grader release
	$(BIN)/grader sample-class
	$(BIN)/grader collect --zip course/downloaded/sample_class.zip
	$(BIN)/grader autograde --workers 2
	$(BIN)/grader feedback
	$(BIN)/grader report
	$(BIN)/grader export --csv course/grades.csv
	$(BIN)/grader similarity
	@echo
	@echo "Grades (CSV):      course/grades.csv"
	@echo "Feedback (HTML):   course/feedback/<student>/<assignment>/"
	@echo "Report (figures):  course/reports/"
	@echo "Grading log:       course/grading_log.jsonl"
	@echo "Similarity:        course/reports/similarity_<lesson>.csv (a flag is a reason to look, not a verdict)"
	@echo "Written answers:   make formgrader, then the Manual Grading tab"

# A student's workspace (docs/guide/en/students.md): the released lessons in LANG (en or fr;
# a locale such as fr_FR.UTF-8 works too) in STUDENT_DIR, outside the repository, never a
# solution; re-running adds new and corrected lessons without overwriting answers; then
# JupyterLab in that language on it. `make lab` is the same: the lessons as students get them.
STUDENT_DIR ?= $(HOME)/regularization-course
student: $(STAMP)
	$(BIN)/grader student open --lang "$(LANG)" --dir "$(STUDENT_DIR)"

lab: student

# nbgrader's formgrader for written answers: JupyterLab in course/, menu Nbgrader > Formgrader.
formgrader: $(STAMP)
	cd course && ../$(BIN)/jupyter lab --ServerApp.root_dir=. $$([ "$$(id -u)" = 0 ] && echo --allow-root)

build: $(STAMP)
	$(BIN)/grader build

check: $(STAMP)
	$(BIN)/grader build --check

# Benchmarks (not tests): notebook run times, then grading speed on the sample class.
bench: $(STAMP)
	$(BIN)/grader bench notebooks
	$(BIN)/grader bench grading

# Grading at scale (issue 17; docs/guide/en/instructors.md, "Grading on many machines";
# the figures: docs/guide/en/benchmarks.md): one drawn class of STUDENTS (lessons 3 and
# 10) graded by 84f589f's process pool, the local Dask cluster and dask scheduler + CLI
# workers with PostgreSQL, 1 and 2 workers each (about 40 min).
STUDENTS ?= 60
.PHONY: bench-scale
bench-scale: $(STAMP)
	$(BIN)/grader bench scale --students $(STUDENTS)

# The perturbation check: every lesson re-executed under every setting that changes float
# rounding (oneDNN on, its ISA caps, two threads, OpenBLAS cores); fails if any output nbval
# compares moves (docs/guide/en/authors.md, Determinism). `make test` plays one of them on the French notebooks.
# First the tests marked `perturb`: the same weights on a CPU played older (ONEDNN_MAX_CPU_ISA).
perturb: $(STAMP)
	$(BIN)/python -m pytest -m perturb tests
	$(BIN)/grader perturb

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV)

# The grader's messages (grader/i18n.py): extract the English texts into
# grader/locale/grader.pot, merge them into each language's grader.po, compile the .mo;
# then list what is left to translate. Run it after changing or moving a message.
catalogues: $(STAMP)
	$(BIN)/python -m grader.authoring.catalogues

# Not in `make test`, which covers the same guarantees more cheaply (docs/guide/en/
# authors.md, "What the tests guarantee"): every `plain` case of the hostile corpus graded
# by plain nbgrader, to watch each attack succeed without the sandbox (`make test` grades
# one quiz case per kind of outcome; about 2 CPU-minutes), and the grader's complete
# self-check (both probes of every lesson through nbgrader, the mistakes in kernels of
# their own).
.PHONY: hostile-plain validate
hostile-plain: $(STAMP)
	HOSTILE_PLAIN=all $(BIN)/python -m pytest -n 2 --dist loadgroup tests/grading/test_hostile.py -k plain_nbgrader

validate: $(STAMP)
	$(BIN)/grader validate

# The course as a website, guide included (docs/guide/en/authors.md, "The course as a
# website"): build/site/<lang>/ from the stored notebooks and docs/guide/<lang>/, then its
# checks; `site-check` runs the site's tests alone (`make test` runs them too).
.PHONY: site site-check
site: $(STAMP)
	$(BIN)/grader site

site-check: $(STAMP)
	$(BIN)/python -m pytest tests/site/test_site.py

# `grader similarity`'s benchmark: a drawn class of 1,000 with 5 % planted copies (recall per
# kind of copy, false flags among independent pairs), then the time for 200, 1,000 and 5,000.
.PHONY: bench-similarity
bench-similarity: $(STAMP)
	$(BIN)/grader bench similarity --students 1000 --times 200 1000 5000 --calibrate

# A student's laptop (student.py; docs/guide/en/students.md, "On your own computer"). Both
# need the package registry, so neither is in `make test`. student-pythons: for each of
# STUDENT_PYTHONS a clean environment made by student.py with nothing on PATH (no apt
# package), workspaces in English and French, then nbval over the stored notebooks of
# LESSONS (default: all) with that Python (under pyenv: PYENV_VERSION=3.11.7:3.12.1:3.13.0).
# platforms: pip resolves the student's wheels for Linux x86-64 and aarch64, macOS arm64
# and Windows x86-64, with Python 3.11 to 3.13.
STUDENT_PYTHONS ?= python3.11 python3.12 python3.13
.PHONY: student-pythons platforms
student-pythons: $(STAMP)
	$(BIN)/python -m devkit.laptops pythons --python $(STUDENT_PYTHONS) --lessons $(LESSONS)

platforms: $(STAMP)
	$(BIN)/python -m devkit.laptops platforms
