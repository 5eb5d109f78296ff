# The two commands a new user needs:
#   make run LETTERS=../shared/letters   install, build or update the index, serve on 127.0.0.1:5000
#   make test                            install, then run the whole test suite
LETTERS ?= letters
INDEX ?= index
HOST ?= 127.0.0.1
PORT ?= 5000
THREADS ?= 8
LOAD_SECONDS ?= 60
PY := .venv/bin/python

.PHONY: setup setup-test index run test bench load load-admin

setup:
	bash scripts/setup.sh

setup-test:
	bash scripts/setup.sh --test

# Exit status 1 means some files could not be read (each is named): serve the rest anyway.
index: setup
	$(PY) -m qa index --letters "$(LETTERS)" --index "$(INDEX)" || [ $$? -eq 1 ]

# waitress, a production WSGI server (never Flask's development server).
run: index
	$(PY) -m qa serve --index "$(INDEX)" --host $(HOST) --port $(PORT) --threads $(THREADS)

test: setup-test
	$(PY) -m pytest -q -p no:cacheprovider

bench: setup
	$(PY) scripts/bench.py --letters "$(LETTERS)"

# Searches against waitress for LOAD_SECONDS while an update adds a letter, on copies of both.
load: setup
	$(PY) scripts/load.py --index "$(INDEX)" --letters "$(LETTERS)" --seconds $(LOAD_SECONDS)

# The same searches while an administrator uploads, removes and restores letters through the
# API: LOAD_TOOL=ours (our client) or LOAD_TOOL=locust (locust, headless).
LOAD_TOOL ?= ours
load-admin: setup-test
	$(PY) scripts/load.py --mode admin --tool $(LOAD_TOOL) --index "$(INDEX)" --letters "$(LETTERS)" --seconds $(LOAD_SECONDS)
