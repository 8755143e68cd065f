# Aftersales — the two commands, and a few more for development.
#   make serve   set up, build, serve on http://127.0.0.1:8080
#   make test    set up, run every check (fmt, clippy, native, browser, release build, size, end-to-end)
#   make dist    the release bundle in dist/, with its size report
#   make bench   native benchmarks (criterion), then the browser benchmarks (headless Chromium, CPU throttled 4×)
#                and Lighthouse's mobile preset on each page's first start against a bare Leptos app (bench/floor),
#                ending with one table of the budgets (docs/requirements.md): each figure, met or missed
#                (scripts/bench_table.py)
#   make screenshots  every main screen of the demo company, each role, at 1024×768 and 768×1024, in
#                docs/screenshots/ (the layout walk of the end-to-end tests, which also checks each screen)

SHELL := /bin/bash
export PATH := $(CURDIR)/tools/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export TRUNK_SKIP_VERSION_CHECK := true
export CHROMEDRIVER ?= /usr/bin/chromedriver

.PHONY: serve test dist bench size screenshots setup setup-test clean

serve: setup
	scripts/dist.sh
	python3 scripts/serve.py 8080

test: setup-test
	scripts/test.sh

dist: setup
	scripts/dist.sh
	scripts/size.sh

size:
	scripts/size.sh

bench: setup-test
	rm -f target/bench/browser.tsv
	cargo bench -p aftersales
	scripts/dist.sh
	cargo test -p e2e --test bench -- --ignored --nocapture --test-threads=1
	scripts/lighthouse.sh
	python3 scripts/bench_table.py --write docs/performance.md

screenshots: setup-test
	scripts/dist.sh
	rm -rf docs/screenshots && mkdir -p docs/screenshots
	SCREENSHOTS=$(CURDIR)/docs/screenshots cargo test -p e2e --test app layout -- --test-threads=1

setup:
	scripts/setup.sh build

setup-test:
	scripts/setup.sh test

clean:
	cargo clean
	rm -rf dist
