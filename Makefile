# The two commands of the README:   make lab   (run the course)   make test   (run every test)
# Both create .venv with the project installed; a second run skips the install when
# pyproject.toml has not changed since.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip --disable-pip-version-check --quiet
# Offline install from a folder of wheels (see `make wheelhouse`): make lab WHEELS=/media/usb/wheelhouse
WHEELS ?=
INSTALL := $(PIP) install $(if $(WHEELS),--no-index --find-links $(abspath $(WHEELS)),)
LAB_ARGS ?=
# Jupyter refuses to run as root (containers, CI) unless told it is intended.
ROOT_FLAG := $(if $(filter 0,$(shell id -u 2>/dev/null)),--allow-root,)
PYTEST_ARGS ?=

.PHONY: lab test student figures weights lint format check wheelhouse clean-venv

lab: $(VENV)/.installed-base
	$(VENV)/bin/jupyter lab $(ROOT_FLAG) --ServerApp.root_dir=. $(LAB_ARGS) notebooks/00_start_here.ipynb

test: $(VENV)/.installed-test
	$(PY) -m pytest --nbval-lax --doctest-modules colorlab tests notebooks $(PYTEST_ARGS)

student: $(VENV)/.installed-base
	$(PY) tools/make_student.py

# make weights: the scene models (~5 min); make weights PHOTOS=DIR: the photo model (~40 min),
# trained on a folder of color photos (the course's own: ../shared/photos/imagenet-sample).
PHOTOS ?=
weights: $(VENV)/.installed-base
	$(PY) tools/train_weights.py $(if $(PHOTOS),--photos "$(PHOTOS)",)

figures: $(VENV)/.installed-base
	$(PY) tools/make_figures.py

check: $(VENV)/.installed-base
	$(PY) -m colorlab check

lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check colorlab tests tools benchmarks
	$(VENV)/bin/ruff format --check colorlab tests tools benchmarks

format: $(VENV)/.installed-test
	$(VENV)/bin/ruff format colorlab tests tools benchmarks
	$(VENV)/bin/ruff check --fix colorlab tests tools benchmarks

$(VENV)/bin/python:
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 10), "colorlab needs Python 3.10 or newer; run: make PYTHON=python3.11 ..."'
	@$(PYTHON) -c 'import sys; sys.version_info >= (3, 14) and print("note: TensorFlow had no wheels for Python 3.14 when this course was written (2026-11); if the install fails on tensorflow, run: make PYTHON=python3.13 ...")'
	$(PYTHON) -m venv $(VENV)
	$(INSTALL) --upgrade pip setuptools wheel

# The project with its runtime dependencies, plus the Jupyter kernel "colorlab"
# registered inside .venv (nothing is written to your home folder).
$(VENV)/.installed-base: pyproject.toml | $(VENV)/bin/python
	$(INSTALL) -e .
	$(PY) -m ipykernel install --sys-prefix --name colorlab --display-name "Python (colorlab)"
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed-base
	$(INSTALL) -e ".[test]"
	touch $@

# Every package the course and its tests need, as files, for installing without internet on
# laptops like this one (same OS, processor and Python version): copy wheelhouse/ to a USB
# stick, then on each laptop: make lab WHEELS=/path/to/wheelhouse
wheelhouse: $(VENV)/.installed-base
	$(PIP) download --dest wheelhouse pip setuptools wheel ".[test]"
	@echo "wheelhouse/ holds $$(ls wheelhouse | wc -l) files ($$(du -sh wheelhouse | cut -f1)); install with: make lab WHEELS=$(CURDIR)/wheelhouse"

clean-venv:
	rm -rf $(VENV)
