# Build, test and run OTGateway. `make demo` and `make test` are the two entry points;
# both install the Debian packages the build needs when any is missing.

SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
DEB_PACKAGES := libcurl4-openssl-dev zlib1g-dev libsqlite3-dev libssl-dev pkg-config
# The console's browser test drives headless Chromium; it is skipped where these are missing.
BROWSER_PACKAGES := chromium chromium-driver fonts-dejavu-core
TEST_FLAGS ?= --parallel

.PHONY: deps browser-deps build release test demo format clean contract contract-quick contract-venv bench bench-deps

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

# Like deps, but a refusal only skips the browser test instead of failing the build.
browser-deps:
	@missing=""; \
	for package in $(BROWSER_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$package 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$package"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		{ $(SUDO) apt-get update && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y --no-install-recommends $$missing; } || \
		echo "could not install$$missing; the browser test will be skipped"; \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

# Tests that measure process-wide figures (thread counts) run alone first; the rest run in
# parallel and skip them.
ISOLATED_TESTS := thousandConcurrentCallsShareOneThread

test: deps browser-deps
	$(SWIFT) build --build-tests
	OTGW_ISOLATED_TESTS=1 $(SWIFT) test --skip-build --filter '$(ISOLATED_TESTS)'
	$(MAKE) contract-quick
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

# The OpenAPI contract test: schemathesis (pinned in contract/requirements.txt) in a virtual
# environment under .build, run against the gateway and the simulator on loopback.
PYTHON ?= python3
CONTRACT_VENV := .build/contract-venv
CONTRACT_QUICK_EXAMPLES ?= 10
CONTRACT_EXAMPLES ?= 100
# More runner or schemathesis options, such as `-- --include-path-regex '^/orders'`.
CONTRACT_ARGS ?=

$(CONTRACT_VENV)/installed: contract/requirements.txt
	@$(PYTHON) -m venv --help >/dev/null 2>&1 || { \
		$(SUDO) apt-get update && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y --no-install-recommends python3 python3-venv; }
	rm -rf $(CONTRACT_VENV)
	$(PYTHON) -m venv $(CONTRACT_VENV)
	$(CONTRACT_VENV)/bin/pip install --quiet --disable-pip-version-check -r contract/requirements.txt
	touch $@

contract-venv: $(CONTRACT_VENV)/installed

# Bounded run for `make test`: a fixed seed and few examples per operation.
contract-quick: deps contract-venv
	$(SWIFT) build --product otgateway
	$(CONTRACT_VENV)/bin/python -m pytest -q -p no:cacheprovider contract/test_hooks.py
	$(PYTHON) contract/run_contract.py --max-examples $(CONTRACT_QUICK_EXAMPLES) $(CONTRACT_ARGS)

# Longer pass with the stateful phase too; run it before a release.
contract: deps contract-venv
	$(SWIFT) build --product otgateway
	$(PYTHON) contract/run_contract.py --max-examples $(CONTRACT_EXAMPLES) \
		--phases examples,coverage,fuzzing,stateful --no-serve-only $(CONTRACT_ARGS)
