# Build, test and run OTGateway. `make demo` and `make test` are the two entry points;
# both install the Debian packages the build needs when any is missing.

SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
DEB_PACKAGES := libcurl4-openssl-dev zlib1g-dev libsqlite3-dev libssl-dev pkg-config
# The console's browser test drives headless Chromium; it is skipped where these are missing.
BROWSER_PACKAGES := chromium chromium-driver fonts-dejavu-core
TEST_FLAGS ?= --parallel

.PHONY: deps browser-deps build release test demo format clean

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

test: deps browser-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test $(TEST_FLAGS)

demo: release
	.build/release/otgateway demo

format:
	$(SWIFT) format --in-place --recursive Sources Tests Package.swift

clean:
	rm -rf .build
