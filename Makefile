# The two commands a new user needs:
#   make run LETTERS=../shared/letters   install, build or update the index, serve on 127.0.0.1:5000
#   make test                            install, then run the whole test suite
LETTERS ?= letters
INDEX ?= index
HOST ?= 127.0.0.1
PORT ?= 5000
PY := .venv/bin/python

.PHONY: setup setup-test index run test bench

setup:
	bash scripts/setup.sh

setup-test:
	bash scripts/setup.sh --test

# Exit status 1 means some files could not be read (each is named): serve the rest anyway.
index: setup
	$(PY) -m qa index --letters "$(LETTERS)" --index "$(INDEX)" || [ $$? -eq 1 ]

run: index
	$(PY) -m qa serve --index "$(INDEX)" --host $(HOST) --port $(PORT)

test: setup-test
	$(PY) -m pytest -q -p no:cacheprovider

bench: setup
	$(PY) scripts/bench.py --letters "$(LETTERS)"
