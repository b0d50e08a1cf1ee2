# The two set-up commands of the README:
#   make demo   builds certsmith and a demo PKI from examples/ into ./demo-pki
#   make test   installs the test peers when missing, then runs every test
CARGO ?= cargo
# Where cargo puts what it builds: CARGO_TARGET_DIR when set (relative to
# this directory, as cargo reads it), else target/.
TARGET_DIR := $(abspath $(or $(CARGO_TARGET_DIR),target))
# pip may put pkilint's scripts outside PATH (user installs, pyenv).
PY_SCRIPTS := $(shell python3 -c 'import sysconfig; print(sysconfig.get_path("scripts"))' 2>/dev/null)
export PATH := $(PY_SCRIPTS):$(PATH)

.PHONY: demo test deps build

build:
	$(CARGO) build --release --locked

demo: build
	CERTSMITH=$(TARGET_DIR)/release/certsmith examples/demo/build.sh demo-pki

deps:
	tests/install-deps.sh

test: deps
	$(CARGO) test --locked --features fault-injection
