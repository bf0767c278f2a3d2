# Assent: set-up, build, run and test on Debian 12 (as root or with sudo).
#   make run   installs what is missing, builds, and opens the app on the demo school
#              (sign in as head, office, teacher or it; password juniper-hill-demo)
#   make test  installs what is missing and runs every check and test, end-to-end included

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export PATH := $(HOME)/.cargo/bin:$(PATH)

APT_BUILD := build-essential pkg-config curl file libwebkit2gtk-4.1-dev libgtk-3-dev \
             libsoup-3.0-dev librsvg2-dev libayatana-appindicator3-dev
APT_TEST  := xvfb xauth webkit2gtk-driver poppler-utils
# The benchmarks' baselines only: SQLite's shell and LibreOffice without its GUI.
APT_BENCH := sqlite3 libreoffice-calc-nogui
NODE_MIN  := 20.19.0

ASSENT    := target/debug/assent
APP       := target/debug/assent-app
XVFB      := xvfb-run -a -s "-screen 0 1280x1024x24"

.PHONY: help run test check e2e bench build ui deps deps-build deps-test deps-node deps-rust clean

help:
	@echo "make run    install what is missing, build, open the app on the demo school"
	@echo "make test   install what is missing, run every check and test (end-to-end included)"
	@echo "make check  formatting, lints and the UI type-check only"
	@echo "make e2e    the end-to-end tests in the real window only"
	@echo "make bench  speed figures (release build), written to docs/benchmarks.md"

# ---------------------------------------------------------------- installs

define apt_install
	missing=""; for p in $(1); do \
	  dpkg-query -W -f='$${Status}' "$$p" 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  $(SUDO) apt-get update -qq; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(2) $$missing; \
	fi
endef

deps-build:
	@$(call apt_install,$(APT_BUILD))

deps-test: deps-build
	@$(call apt_install,$(APT_TEST))
	@if ! tauri-driver --help >/dev/null 2>&1; then \
	  cargo install tauri-driver --locked --version '^2'; \
	fi

deps-node:
	@if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a==20&&b>=19)?0:1)' 2>/dev/null; then \
	  $(call apt_install,nodejs npm); \
	fi
	@node -e 'const [a,b]=process.versions.node.split(".").map(Number); if(!(a>20||(a==20&&b>=19))){console.error("Node.js $(NODE_MIN) or newer is needed; found "+process.version);process.exit(1)}'

deps-rust:
	@command -v cargo >/dev/null || { echo "Rust is needed: install it with rustup (https://rustup.rs)"; exit 1; }
	@for c in rustfmt clippy; do rustup component list --installed 2>/dev/null | grep -q "^$$c" || rustup component add $$c; done

ui/node_modules/.package-lock.json: ui/package-lock.json ui/package.json
	cd ui && npm ci --no-audit --no-fund
	@touch $@

deps: deps-build deps-node deps-rust ui/node_modules/.package-lock.json

# ---------------------------------------------------------------- build and run

ui: deps
	cd ui && npm run build

build: ui
	cargo build -p assent-app -p assent-cli

# The demo school's sign-in: users head, office, teacher and it share this password.
DEMO_PASSWORD := juniper-hill-demo

# The database the app opens: ASSENT_DB, else assent.db in the app-data folder.
run: build
	@db="$${ASSENT_DB:-$${XDG_DATA_HOME:-$$HOME/.local/share}/uk.assent.app/assent.db}"; \
	if [ ! -e "$$db" ]; then \
	  ASSENT_USER=head ASSENT_PASSWORD='$(DEMO_PASSWORD)' $(ASSENT) --db "$$db" demo; \
	fi; \
	echo "Opening $$db. Demo school sign-in: head, office, teacher or it, password $(DEMO_PASSWORD)"
	$(APP)

# ---------------------------------------------------------------- checks and tests

check: ui
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings
	cd ui && npm run check

test: deps-test check
	cd ui && npm test
	cargo test --workspace --exclude assent-e2e
	$(MAKE) --no-print-directory e2e

e2e: deps-test build
	rm -rf target/e2e-screenshots
	cargo test -p assent-e2e --no-run
	$(XVFB) cargo test -p assent-e2e -- --test-threads=1
	@echo "Screenshots: target/e2e-screenshots/"

# Figures in docs/benchmarks.md: criterion (in-process) first, then whole-process
# timings against sqlite3 and LibreOffice, and the app's cold start and memory in
# a real window (release builds throughout). Not part of `make test`.
bench: deps-test deps-node deps-rust ui/node_modules/.package-lock.json
	@$(call apt_install,$(APT_BENCH),--no-install-recommends)
	cd ui && npm run build
	cargo build --release -p assent-app -p assent-cli
	cargo build --release -p assent-e2e --bin bench_report
	rm -rf target/criterion target/bench-data
	cargo bench -p assent-core --bench people --bench trust
	cargo bench -p assent-reports --bench registers
	ASSENT_E2E_PROFILE=release $(XVFB) target/release/bench_report
	@echo "Figures: docs/benchmarks.md"

clean:
	cargo clean
	rm -rf ui/node_modules ui/dist
