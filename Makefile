# Build, test and run OTGateway. `make demo` and `make test` are the two entry points;
# both install the Debian packages the build needs when any is missing.

SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
DEB_PACKAGES := libcurl4-openssl-dev zlib1g-dev libsqlite3-dev libssl-dev pkg-config
TEST_FLAGS ?= --parallel

.PHONY: deps build release test demo format clean bench bench-deps

# Installs only what is missing, so a prepared machine makes no network call.
deps:
	@missing=""; \
	for package in $(DEB_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$package 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$package"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		$(SUDO) apt-get update && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y --no-install-recommends $$missing; \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

# Tests that measure process-wide figures (thread counts) run alone first; the rest run in
# parallel and skip them.
ISOLATED_TESTS := thousandConcurrentCallsShareOneThread

test: deps
	$(SWIFT) build --build-tests
	OTGW_ISOLATED_TESTS=1 $(SWIFT) test --skip-build --filter '$(ISOLATED_TESTS)'
	$(SWIFT) test --skip-build $(TEST_FLAGS)

demo: release
	.build/release/otgateway demo

# Benchmarks (BENCHMARKS.md): not part of `test`. They need wrk, nginx and a venv with the
# FastAPI comparison gateway; BENCH_ARGS passes options to bench/run.py, such as
# BENCH_ARGS="--scenarios 1,2 --repeat 3".
BENCH_DEB_PACKAGES := wrk nginx-light python3 python3-venv
BENCH_VENV := .build/bench-venv
BENCH_PYTHON ?= python3
BENCH_ARGS ?=

bench-deps:
	@missing=""; \
	for package in $(BENCH_DEB_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$package 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$package"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		$(SUDO) apt-get update && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y --no-install-recommends $$missing; \
	fi

$(BENCH_VENV)/installed: bench/pygateway/requirements.txt
	$(BENCH_PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/pip install --quiet -r bench/pygateway/requirements.txt
	touch $@

bench: deps bench-deps $(BENCH_VENV)/installed
	$(SWIFT) build -c release
	$(BENCH_PYTHON) bench/run.py $(BENCH_ARGS)

format:
	$(SWIFT) format --in-place --recursive Sources Tests Package.swift

clean:
	rm -rf .build
