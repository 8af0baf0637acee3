# The one door to the course. `make` alone lists the targets.
# Nothing needs an activated environment: every command runs $(VENV)/bin/... directly.

VENV        ?= .venv
PYTHON      ?= python3
KERNEL_NAME ?= tensorflow2
KERNEL_DISPLAY ?= Python 3 (PyTorch course, $(KERNEL_NAME))
LAB_DIR     ?= notebooks
INSTALL     ?= $(if $(filter .venv,$(VENV)),1,0)
ASSIGNMENTS := $(notdir $(wildcard solutions/*))
PYTEST_ARGS ?=
# Extra arguments for `make lab` and `make formgrader`, e.g. LAB_ARGS="--no-browser --port=8899".
LAB_ARGS    ?=

BIN   := $(VENV)/bin
# JupyterLab refuses to run as root (containers, CI) unless told to.
LAB_FLAGS ?= $(if $(filter 0,$(shell id -u)),--allow-root,)
PY    := $(BIN)/python
# The install stamp is named after pyproject.toml's content: editing the pins reinstalls.
STAMP := $(VENV)/.course-installed-$(shell sha256sum pyproject.toml | cut -c1-16)
KERNEL_SPEC := $(VENV)/share/jupyter/kernels/$(KERNEL_NAME)/kernel.json

# nbgrader runs helper commands (alembic) by name: the environment's bin/ comes first.
export PATH := $(abspath $(BIN)):$(PATH)

.DEFAULT_GOAL := help
.PHONY: help setup kernel kernel-user data lab formgrader test test-fast release collect autograde validate recover feedback similarity grades bench hub-setup hub clean distclean

help: ## list the targets
	@echo "Simple neural networks (MLP, CNN, RNN): autograded PyTorch notebooks"
	@echo
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  make %-12s %s\n", $$1, $$2}' $(MAKEFILE_LIST)
	@echo
	@echo "Variables: VENV=$(VENV) (an existing environment: nothing is installed into it unless INSTALL=1),"
	@echo "           KERNEL_NAME=$(KERNEL_NAME), LAB_DIR=$(LAB_DIR), LAB_ARGS, ASSIGNMENT, ZIP, NB, RESUME=1, THRESHOLD"

setup: $(STAMP) ## create the virtual environment and install the pinned packages (once)

$(STAMP): pyproject.toml
ifeq ($(INSTALL),1)
	@test -x $(PY) || { echo "Creating the virtual environment in $(VENV)"; $(PYTHON) -m venv $(VENV); }
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	@rm -f $(VENV)/.course-installed-*
	@touch $@
else
	@$(PY) -c "import course_utils, torch, torchvision, nbgrader, nbval, jupyterlab" 2>/dev/null || { \
	  echo "error: $(VENV) lacks the course's packages (or $(PY) does not exist)."; \
	  echo "Install them into it with:  make setup VENV=$(VENV) INSTALL=1"; exit 1; }
	@echo "Using the existing environment $(VENV) as it is (INSTALL=0)."
	@touch $@ 2>/dev/null || true
endif

kernel: $(KERNEL_SPEC) ## register the environment as the Jupyter kernel tensorflow2 (KERNEL_NAME=...), inside the venv

$(KERNEL_SPEC): | $(STAMP)
	$(PY) -m ipykernel install --sys-prefix --name $(KERNEL_NAME) --display-name "$(KERNEL_DISPLAY)"

kernel-user: $(STAMP) ## register the kernel for your user (as on the shared cluster)
	$(PY) -m ipykernel install --user --name $(KERNEL_NAME) --display-name "$(KERNEL_DISPLAY)"

data: $(STAMP) ## prepare and verify Fashion-MNIST and IMDB (offline first)
	$(PY) -m course_utils.data

# Which nbgrader extensions each server loads: jupyter/student/ and jupyter/instructor/ hold a
# server config (jpserver_extensions) and a page config (disabledExtensions), put first on
# Jupyter's config path for that server only (see jupyter/README.md).
with_jupyter_config = JUPYTER_CONFIG_PATH=$(CURDIR)/jupyter/$(1)$(if $(JUPYTER_CONFIG_PATH),:$(JUPYTER_CONFIG_PATH),)

lab: setup kernel data ## the student's command: set everything up, then start JupyterLab on notebooks/
	$(call with_jupyter_config,student) $(BIN)/jupyter lab --notebook-dir=$(LAB_DIR) $(LAB_FLAGS) $(LAB_ARGS)

formgrader: setup kernel data ## the instructor's JupyterLab at the course root (nbgrader's formgrader)
	$(call with_jupyter_config,instructor) $(BIN)/jupyter lab --notebook-dir=. $(LAB_FLAGS) $(LAB_ARGS)

test: setup hub-setup kernel data ## everything CI checks: unit tests, data, notebooks (nbval), the grader's self-test
	$(PY) -m pytest --durations=15 $(PYTEST_ARGS)

test-fast: setup ## only the unit tests (seconds)
	$(PY) -m pytest -m "not notebook" $(PYTEST_ARGS)

release: setup ## regenerate the student notebooks in notebooks/ from solutions/
	@for a in $(ASSIGNMENTS); do \
	  $(BIN)/nbgrader generate_assignment $$a --force --CourseDirectory.db_url=sqlite:///$(CURDIR)/gradebook.db || exit 1; \
	done

collect: setup ## file an LMS download: make collect ZIP=download.zip ASSIGNMENT=01_mlp
	@test -n "$(ZIP)" -a -n "$(ASSIGNMENT)" || { echo "usage: make collect ZIP=path/to/download.zip ASSIGNMENT=01_mlp"; exit 2; }
	$(PY) -m course_grader.collect "$(ZIP)" $(ASSIGNMENT)

autograde: setup data ## grade everything in submitted/ (sandboxed, JOBS at a time); outcomes in grading-report.csv
	$(PY) -m course_grader.autograde $(ASSIGNMENT) $(if $(JOBS),--jobs $(JOBS),) $(if $(RESUME),--resume,)

validate: setup data ## check one notebook as nbgrader will: make validate NB=path/to/notebook.ipynb
	@test -n "$(NB)" || { echo "usage: make validate NB=path/to/notebook.ipynb"; exit 2; }
	$(BIN)/nbgrader validate "$(NB)"

recover: setup ## repair a notebook whose cells lost their nbgrader metadata: make recover NB=path/to/notebook.ipynb
	@test -n "$(NB)" || { echo "usage: make recover NB=path/to/notebook.ipynb [ASSIGNMENT=01_mlp]"; exit 2; }
	$(PY) -m course_grader.intake "$(NB)" $(if $(ASSIGNMENT),--assignment $(ASSIGNMENT),)

feedback: setup ## write HTML feedback for every graded submission into feedback/
	@for a in $(or $(ASSIGNMENT),$(ASSIGNMENTS)); do \
	  ls -d autograded/*/$$a >/dev/null 2>&1 || continue; \
	  $(BIN)/nbgrader generate_feedback $$a --force || exit 1; \
	done

similarity: setup ## compare the students' answers in submitted/: similarity/<assignment>.html and .csv (ASSIGNMENT=, THRESHOLD=)
	$(PY) -m course_grader.similarity $(ASSIGNMENT) $(if $(THRESHOLD),--threshold $(THRESHOLD),)

grades: setup ## write grades.csv (student, assignment, score, max_score, bonus, bonus_max, late_seconds)
	$(PY) -m course_grader.grades

bench: setup data ## run the benchmarks, write BENCHMARKS.md (QUICK=1: no full training; FRESH=1: time a fresh-clone make test; ONLY=notebooks: one section)
	$(PY) -m benchmarks $(if $(QUICK),--quick,) $(if $(FRESH),--fresh-clone,) $(if $(ONLY),--only $(ONLY),)

# The course's JupyterHub (deploy/README.md): JupyterHub from the `hub` extra, its proxy from npm
# (deploy/package.json, into deploy/node_modules). Students who only run `make lab` install neither.
HUB_STAMP := $(VENV)/.course-hub-installed-$(shell sha256sum pyproject.toml | cut -c1-16)
HUB_PROXY := deploy/node_modules/.bin/configurable-http-proxy

hub-setup: $(HUB_STAMP) $(HUB_PROXY) ## install JupyterHub and its proxy for make hub and the hub test (once)

$(HUB_STAMP): pyproject.toml | $(STAMP)
ifeq ($(INSTALL),1)
	$(PY) -m pip install --quiet -e ".[test,hub]"
	@rm -f $(VENV)/.course-hub-installed-*
	@touch $@
else
	@$(PY) -c "import jupyterhub" 2>/dev/null && { touch $@ 2>/dev/null || true; } || \
	  echo "note: $(VENV) lacks JupyterHub: the hub test is skipped and make hub cannot start (make hub-setup VENV=$(VENV) INSTALL=1 installs it)."
endif

$(HUB_PROXY): deploy/package.json
	npm install --prefix deploy --no-package-lock --no-audit --no-fund --silent
	@touch $@

hub: hub-setup kernel data ## the course's JupyterHub on this machine, for a class or a trial (deploy/README.md)
	@test -x $(BIN)/jupyterhub || { echo "error: $(VENV) lacks JupyterHub. Install it with:  make hub-setup VENV=$(VENV) INSTALL=1"; exit 1; }
	$(BIN)/jupyterhub -f deploy/jupyterhub_config.py

clean: ## remove caches and scratch files (keeps the venv, the data and all grading folders)
	rm -rf .scratch .pytest_cache
	find . -name __pycache__ -not -path "./$(VENV)/*" -prune -exec rm -rf {} +

distclean: clean ## also remove the virtual environment and the data cache
	rm -rf .venv data
