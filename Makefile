.PHONY: build test demo clean-emulator

build:
	swift build

test:
	scripts/test.sh

demo:
	scripts/demo.sh

clean-emulator:
	scripts/emulator.sh stop
