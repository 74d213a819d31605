# The two commands of the README:   make lab   (run the course)   make test   (run every test)
# Both create .venv with the project installed; a second run skips the install when
# pyproject.toml has not changed since. A thin convenience: each target calls the course's
# own command (colorlab lab, colorlab student, colorlab check, colorlab wheelhouse), which
# works the same without make on Windows, macOS and Linux (README, "Without make").

PYTHON ?= python3
VENV   := .venv
# A virtual environment keeps its programs in Scripts\ on Windows (make from Git Bash/MSYS).
BIN    := $(VENV)/$(if $(filter Windows_NT,$(OS)),Scripts,bin)
PY     := $(BIN)/python
PIP    := $(PY) -m pip --disable-pip-version-check --quiet
# Offline install from a wheelhouse (see `make wheelhouse`): make lab WHEELS=/media/usb/wheelhouse
# runs tools/install_offline.py, which picks the folder built for this laptop.
WHEELS ?=
INSTALL := $(PIP) install
# make wheelhouse TARGETS="windows-x86_64-py3.12 macos-arm64-py3.12" (default: this machine)
TARGETS ?=
LAB_ARGS ?=
PYTEST_ARGS ?=

.PHONY: lab test test-fast student figures weights lint format check sync wheelhouse clean-venv

lab: $(VENV)/.installed-base
	$(BIN)/colorlab lab -- $(LAB_ARGS)

test: $(VENV)/.installed-test
	$(PY) -m pytest --nbval-lax --doctest-modules colorlab tests notebooks $(PYTEST_ARGS)

# The inner loop: the package's unit tests, no notebooks, no browser, nothing marked slow
# (each slow test starts a new Python, trains, or asks PyPI). make test runs everything.
test-fast: $(VENV)/.installed-test
	$(PY) -m pytest -q -p no:nbval -m "not slow" --ignore=tests/browser tests $(PYTEST_ARGS)

student: $(VENV)/.installed-base
	$(BIN)/colorlab student

# make weights: the scene models (~5 min); make weights PHOTOS=DIR: the photo model (~40 min),
# trained on a folder of color photos (the course's own: ../shared/photos/imagenet-sample);
# make weights PHOTOS=DIR MODELS=hints: the hint model of lesson 12 (~45 min).
PHOTOS ?=
MODELS ?=
weights: $(VENV)/.installed-base
ifeq ($(MODELS),hints)
	$(PY) tools/train_hints.py "$(or $(PHOTOS),../shared/photos/imagenet-sample)"
else
	$(PY) tools/train_weights.py $(MODELS) $(if $(PHOTOS),--photos "$(PHOTOS)",)
endif

# Each lesson is paired with a py:percent text file in notebook_sources/ (jupytext.toml):
# after editing either one, bring the other in step (and re-tag the slides).
sync: $(VENV)/.installed-test
	$(BIN)/jupytext --sync notebooks/[0-9][0-9]_*.ipynb
	$(PY) tools/tag_slides.py

figures: $(VENV)/.installed-base
	$(PY) tools/make_figures.py

check: $(VENV)/.installed-base
	$(BIN)/colorlab check

lint: $(VENV)/.installed-test
	$(BIN)/ruff check colorlab tests tools benchmarks
	$(BIN)/ruff format --check colorlab tests tools benchmarks

format: $(VENV)/.installed-test
	$(BIN)/ruff format colorlab tests tools benchmarks
	$(BIN)/ruff check --fix colorlab tests tools benchmarks

$(PY):
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 10), "colorlab needs Python 3.10 or newer; run: make PYTHON=python3.11 ..."'
	@$(PYTHON) -c 'import sys; sys.version_info >= (3, 14) and print("note: TensorFlow had no wheels for Python 3.14 when this course was written (2026-11); if the install fails on tensorflow, run: make PYTHON=python3.13 ...")'
	$(PYTHON) -m venv $(VENV)
	$(if $(WHEELS),,$(INSTALL) --upgrade pip setuptools wheel)

# The project with its runtime dependencies, plus the Jupyter kernel "colorlab"
# registered inside .venv (nothing is written to your home folder).
$(VENV)/.installed-base: pyproject.toml | $(PY)
	$(if $(WHEELS),$(PYTHON) tools/install_offline.py "$(WHEELS)",$(INSTALL) -e . && $(BIN)/colorlab lab --kernel-only)
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed-base
	$(if $(WHEELS),$(PYTHON) tools/install_offline.py --test "$(WHEELS)",$(INSTALL) -e ".[test]")
	touch $@

# Every package the course and its tests need, as files, one folder per target laptop
# (OS, processor, Python: colorlab/platforms.py lists them), for installing without internet.
# Copy wheelhouse/ to a USB stick; on each laptop: make lab WHEELS=/path/to/wheelhouse, or
# without make: python tools/install_offline.py /path/to/wheelhouse
wheelhouse: $(VENV)/.installed-base
	$(BIN)/colorlab wheelhouse $(foreach t,$(TARGETS),--target $(t))

clean-venv:
	rm -rf $(VENV)
