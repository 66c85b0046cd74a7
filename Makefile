.PHONY: build test demo install release bench clean-emulator

PREFIX ?= /usr/local

build:
	swift build

test:
	scripts/test.sh

demo:
	scripts/demo.sh

clean-emulator:
	scripts/emulator.sh stop

# The release binary with its completions and manual page, under $(PREFIX).
install:
	scripts/install.sh --prefix "$(PREFIX)"

# dist/berth-<version>-linux-<arch>.tar.gz, its SHA-256 and the Homebrew formula.
release:
	scripts/release.sh

# Start-up, rendering and memory figures of the release binary (medians of 20 runs).
bench:
	scripts/bench.py
