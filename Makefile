# Assent: set-up, build, run and test on Debian 12 (as root or with sudo).
#   make run   installs what is missing, builds, and opens the app on the demo school
#              (sign in as head, office, teacher or it; password juniper-hill-demo)
#   make test  installs what is missing and runs every check and test, end-to-end included
#   make package  builds the Windows installer and the Debian package into dist/

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export PATH := $(HOME)/.cargo/bin:$(PATH)

APT_BUILD := build-essential pkg-config curl file python3 libwebkit2gtk-4.1-dev libgtk-3-dev \
             libsoup-3.0-dev librsvg2-dev libayatana-appindicator3-dev
APT_TEST  := xvfb xauth webkit2gtk-driver poppler-utils postgresql-15 postgresql-common
# Windows builds (cross-compiled with mingw-w64), the NSIS installer, Wine to test
# both, 7-Zip to list the installer's files, and xdotool to answer a message box.
APT_WINDOWS := mingw-w64 nsis wine wine64 7zip xdotool x11-utils desktop-file-utils binutils jq
# The benchmarks' baselines only: SQLite's shell and LibreOffice without its GUI.
APT_BENCH := sqlite3 libreoffice-calc-nogui
NODE_MIN  := 20.19.0

ASSENT    := target/debug/assent
APP       := target/debug/assent-app
XVFB      := xvfb-run -a -s "-screen 0 1280x1024x24"

VERSION     := $(shell sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
WIN_TRIPLE  := x86_64-pc-windows-gnu
# A target folder of their own, so Windows and Linux builds never wait on each other's lock.
WIN_TARGET  := target/windows
# `make package` builds what a school installs (release); `make test` packages the
# debug build it has already made, which builds in a fraction of the time.
PROFILE     ?= release
PROFILE_DIR := $(if $(filter dev,$(PROFILE)),debug,$(PROFILE))
WIN_OUT     := $(WIN_TARGET)/$(WIN_TRIPLE)/$(PROFILE_DIR)
LINUX_OUT   := target/$(PROFILE_DIR)
TAURI       := ui/node_modules/.bin/tauri
# Stripped copies of the Linux exes, which Tauri's bundler packages from here.
STAGE       := target/package/$(PROFILE_DIR)
DEB         := dist/assent_$(VERSION)_amd64.deb
SETUP       := dist/Assent-$(VERSION)-setup.exe

.PHONY: help run test check e2e screens bench build ui deps deps-build deps-test deps-node deps-rust \
        deps-windows windows package setup-exe test-packages test-windows clean

help:
	@echo "make run    install what is missing, build, open the app on the demo school"
	@echo "make test   install what is missing, run every check and test (end-to-end included)"
	@echo "make check  formatting, lints and the UI type-check only"
	@echo "make e2e    the end-to-end tests in the real window only"
	@echo "make screens docs/screens.md from the last e2e run's screenshots"
	@echo "make package  the Windows installer and the Debian package, in dist/"
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

deps-windows:
	@$(call apt_install,$(APT_WINDOWS))
	@rustup target list --installed | grep -qx $(WIN_TRIPLE) || rustup target add $(WIN_TRIPLE)

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

# ---------------------------------------------------------------- packages

# Both exes for 64-bit Windows, with the WebView2 loader the app needs beside it.
windows: deps deps-windows ui
	cargo build --profile $(PROFILE) --target $(WIN_TRIPLE) --target-dir $(WIN_TARGET) \
	  -p assent-app -p assent-cli

# dist/Assent-<version>-setup.exe and dist/assent_<version>_amd64.deb. Nothing is
# downloaded: the installer is Debian's makensis over packaging/windows/assent.nsi,
# and the .deb is Tauri's own bundler (the npm package's prebuilt CLI).
package: windows
	cargo build --profile $(PROFILE) -p assent-app -p assent-cli
	mkdir -p dist $(STAGE)
	rm -f dist/*.deb dist/*-setup.exe
	strip -o $(STAGE)/assent-app $(LINUX_OUT)/assent-app
	strip -o $(STAGE)/assent $(LINUX_OUT)/assent
	cd src-tauri && CARGO_TARGET_DIR=$(abspath target/package) ../$(TAURI) bundle --ci --bundles deb \
	  $(if $(filter dev,$(PROFILE)),--debug) \
	  --config '{"bundle":{"linux":{"deb":{"files":{"/usr/bin/assent":"$(abspath $(STAGE))/assent"}}}}}'
	cp $(STAGE)/bundle/deb/Assent_$(VERSION)_amd64.deb $(DEB)
	$(MAKE) --no-print-directory setup-exe VERSION_SET=$(VERSION) SETUP_OUT=$(SETUP)

# The NSIS installer alone, from the exes `make windows` built; the installer test
# also uses it to make an older version from the same exes.
VERSION_SET ?= $(VERSION)
SETUP_OUT   ?= $(SETUP)
# Stripped copies go to a folder of their own under names that differ in more than
# case: makensis matches file names without regard to case, as Windows does.
WIN_STAGE   := target/package/windows-$(PROFILE_DIR)
setup-exe:
	mkdir -p $(WIN_STAGE)
	x86_64-w64-mingw32-strip -o $(WIN_STAGE)/app.exe $(WIN_OUT)/assent-app.exe
	x86_64-w64-mingw32-strip -o $(WIN_STAGE)/cli.exe $(WIN_OUT)/assent.exe
	makensis -V2 -DVERSION=$(VERSION_SET) \
	  -DAPP_EXE="$(abspath $(WIN_STAGE)/app.exe)" \
	  -DCLI_EXE="$(abspath $(WIN_STAGE)/cli.exe)" \
	  -DLOADER_DLL="$(abspath $(WIN_OUT)/WebView2Loader.dll)" \
	  -DICON="$(abspath assets/icons/icon.ico)" \
	  -DLICENCE="$(abspath packaging/windows/licence.txt)" \
	  -DOUTFILE="$(abspath $(SETUP_OUT))" \
	  packaging/windows/assent.nsi

# ---------------------------------------------------------------- checks and tests

check: ui
	cargo fmt --all -- --check
	python3 tests/lint/module_cycles.py
	cargo clippy --workspace --all-targets -- -D warnings
	cd ui && npm run check

# Incremental caches only help a build that is run again; a test run builds
# each thing once, and the caches would only take space on disk.
test: export CARGO_INCREMENTAL := 0
test: deps-test check
	cd ui && npm test
	rm -f target/sql-trace-sqlite.log target/sql-trace-postgres.log
	ASSENT_SQL_TRACE=$(CURDIR)/target/sql-trace-sqlite.log \
	  cargo test --workspace --exclude assent-e2e -- --skip server_only::
	ASSENT_SQL_TRACE=$(CURDIR)/target/sql-trace-postgres.log bash tests/postgres/core.sh
	python3 tests/postgres/statements.py target/sql-trace-sqlite.log target/sql-trace-postgres.log
	$(MAKE) --no-print-directory e2e
	$(MAKE) --no-print-directory package test-packages test-windows PROFILE=dev

# What `make package` left in dist/, then the .deb installed on this machine.
test-packages: deps-windows
	bash tests/packaging/check.sh $(VERSION)
	bash tests/packaging/deb-install.sh $(DEB) $(VERSION)

# The Windows build under Wine: the CLI through the main workflows, the app exe's
# imports and its message when WebView2 is missing, and the installer (silent
# install, upgrade, uninstall).
test-windows: deps-windows
	ASSENT_EXE=$(WIN_OUT)/assent.exe bash tests/windows/cli.sh
	$(XVFB) bash tests/windows/app.sh $(WIN_OUT)/assent-app.exe
	ASSENT_SETUP=$(SETUP) WIN_OUT=$(WIN_OUT) \
	  ASSENT_DB_FIXTURE_OLD=tests/fixtures/upgrade/schema-10.db \
	  ASSENT_DB_FIXTURE_PASSWORD='correct horse battery' \
	  bash tests/windows/installer.sh

e2e: deps-test build
	rm -rf target/e2e-screenshots
	cargo test -p assent-e2e --no-run
	$(XVFB) cargo test -p assent-e2e -- --test-threads=1
	@echo "Screenshots: target/e2e-screenshots/"
	python3 tests/screens/screens.py check

# docs/screens.md and its pictures, from the screenshots of the last e2e run.
screens:
	python3 tests/screens/screens.py write

# Figures in docs/benchmarks.md: criterion (in-process) first, on SQLite files and
# again on a throwaway PostgreSQL cluster on this machine (figures kept under
# *_postgres), then whole-process timings against sqlite3 and LibreOffice, and the
# app's cold start and memory in a real window (release builds throughout). Not
# part of `make test`.
bench: deps-test deps-node deps-rust ui/node_modules/.package-lock.json
	@$(call apt_install,$(APT_BENCH),--no-install-recommends)
	cd ui && npm run build
	cargo build --release -p assent-app -p assent-cli
	cargo build --release -p assent-e2e --bin bench_report
	rm -rf target/criterion target/bench-data
	cargo bench -p assent-core --bench people --bench trust
	cargo bench -p assent-reports --bench registers
	pg_virtualenv -o fsync=off -- env ASSENT_BENCH_ENGINE=postgres \
	  cargo bench -p assent-core -p assent-reports --bench people --bench trust --bench registers
	ASSENT_E2E_PROFILE=release $(XVFB) target/release/bench_report
	@echo "Figures: docs/benchmarks.md"

clean:
	cargo clean
	rm -rf ui/node_modules ui/dist dist
