# Planwerk — the two commands a newcomer needs are `make run` and `make test`.
SHELL := /bin/bash
GO ?= go
VENDOR := web/static/vendor
KERN := node_modules/@kern-ux/native/dist

.PHONY: run test vet build assets bench clean-local

## run: install web assets, build, start local PostgreSQL, migrate, seed the demo, serve :8080
run: build
	./bin/planwerk demo

## test: go vet plus every test (unit, PostgreSQL, HTTP, browser)
test: assets
	$(GO) vet ./...
	$(GO) test -count=1 -timeout 30m ./...

build: assets
	$(GO) build -o bin/planwerk ./cmd/planwerk

## assets: npm packages from the committed lock file, copied where the binary embeds them
assets: $(VENDOR)/.stamp $(VENDOR)/kern/kern.min.css

$(VENDOR)/.stamp: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	rm -rf $(VENDOR)
	mkdir -p $(VENDOR)/kern/fonts $(VENDOR)/htmx $(VENDOR)/fira-sans
	cp $(KERN)/fonts/fira-sans.css $(VENDOR)/kern/fonts/
	cp -r $(KERN)/fonts/fira-sans $(VENDOR)/kern/fonts/
	cp node_modules/@fontsource/fira-sans/files/fira-sans-latin{,-ext}-{400,500,600,700}-normal.woff2 $(VENDOR)/fira-sans/
	cp node_modules/@fontsource/fira-sans/LICENSE $(VENDOR)/fira-sans/
	cp node_modules/htmx.org/dist/htmx.min.js $(VENDOR)/htmx/
	touch $@

# KERN's style sheet without the rules no page uses (web/purgecss.config.cjs):
# made again when a template, a Go file or the script changes.
PURGE_CONTENT := $(shell find web/templates internal -name '*.html' -o -name '*.go') web/static/app.js web/purgecss.config.cjs

$(VENDOR)/kern/kern.min.css: $(VENDOR)/.stamp $(PURGE_CONTENT)
	node_modules/.bin/purgecss --config web/purgecss.config.cjs --css $(KERN)/kern.min.css --output $(VENDOR)/kern/

## bench: generate the Land-scale dataset and measure the pages (see docs/benchmarks.md)
bench: build
	./bin/planwerk bench $(BENCH_ARGS)

## clean-local: remove the project-local database (.local/, or its fallback folder under /var/lib/planwerk)
clean-local: build
	./bin/planwerk clean-local
