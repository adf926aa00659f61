# One entry point: setup, build, serve, test, bench.
# Everything installs from PyPI, npm and Debian only.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NPM_STAMP := node_modules/.installed
SITE_STAMP := $(VENV)/.installed-for-site
NPM_SITE_STAMP := node_modules/.installed-for-site
GENERATOR := $(BIN)/properdocs
NGINX_BROTLI := /usr/lib/nginx/modules/ngx_http_brotli_static_module.so

.PHONY: setup build site serve test lint bench chromium nginx pango clean distclean scorm bench-loops

setup: $(STAMP) $(NPM_STAMP) pango

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

$(NPM_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# A build to publish installs only what the build itself needs: the package without its test extras, and
# Pyodide without the test and lint packages (npm ci --omit=dev).
$(SITE_STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(NPM_SITE_STAMP): package.json package-lock.json
	npm ci --omit=dev --no-audit --no-fund --loglevel=error
	touch $@

build: setup
	$(GENERATOR) build -f mkdocs.yml --strict

# A build to publish: make site SITE_URL=https://your.host/path/ (add LOTUS_META_CSP=1 for hosts that
# cannot send headers, such as GitHub Pages). Refuses a missing or loopback address.
site: $(SITE_STAMP) $(NPM_SITE_STAMP) pango
	LOTUS_DEPLOY=1 LOTUS_SITE_URL="$(SITE_URL)" $(GENERATOR) build -f mkdocs.yml --strict

# The SCORM 1.2 packages (one per step, one for the whole toolkit) are written by every build.
scorm: build
	@ls -l site/downloads/scorm/

# Builds once and serves what it built, rebuilding the pages you edit (--dirty: a new page, a changed title or a
# change to lotus_tools shows everywhere after a restart); the strict check is make build's and make test's.
# While serving, the publishing-only steps (the whole toolkit's PDF, the SCORM packages, headers, the nginx
# configuration, compressed copies) are skipped: make build makes them, and the pages still link to them.
serve: setup
	$(GENERATOR) serve -f mkdocs.yml --dirty --dev-addr 127.0.0.1:8000

# Debian's Chromium drives the browser tests; installed here when missing and we are root.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "Chromium is missing: install Debian's 'chromium' package (sudo apt-get install chromium)." >&2; exit 1; \
	  fi; }

# WeasyPrint prints the whole toolkit's PDF with Debian's Pango; installed here when missing and we are root.
pango:
	@{ /sbin/ldconfig -p 2>/dev/null || ldconfig -p; } | grep -q 'libpangoft2-1.0.so.0' || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 >/dev/null; \
	  else \
	    echo "Pango is missing: install Debian's 'libpango-1.0-0' and 'libpangoft2-1.0-0' (sudo apt-get install ...)." >&2; exit 1; \
	  fi; }

# Lint, format and type checks, Python and page JavaScript (Biome; TypeScript over the JSDoc types), and the
# CI files against their published schemas (check-jsonschema's bundled copies): part of make test.
lint: setup
	$(BIN)/check-jsonschema --builtin-schema vendor.github-workflows .github/workflows/pages.yml
	$(BIN)/check-jsonschema --builtin-schema vendor.gitlab-ci .gitlab-ci.yml
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	node_modules/.bin/biome ci --reporter=summary
	node_modules/.bin/tsc -p tsconfig.json

# Debian's nginx serves the built site in the hosting tests, with the configuration the build writes, and its
# brotli module (for _nginx.brotli.conf's .br copies).
nginx:
	@{ command -v nginx >/dev/null 2>&1 || test -x /usr/sbin/nginx; } && test -f $(NGINX_BROTLI) || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light libnginx-mod-http-brotli-static >/dev/null; \
	  else \
	    echo "nginx is missing: install Debian's 'nginx-light' and 'libnginx-mod-http-brotli-static' packages (sudo apt-get install ...)." >&2; exit 1; \
	  fi; }

test: setup chromium nginx lint
	$(BIN)/python -m pytest

bench: build chromium nginx
	$(BIN)/python -m bench.calculator

# How long an author waits: make serve until it answers, and an edit until it shows (medians of 3).
bench-loops: setup
	$(BIN)/python -m bench.loops

# clean keeps .cache/ (the printed PDF, reused while its text and styles are unchanged); distclean removes it too.
clean:
	rm -rf site $(VENV) node_modules

distclean: clean
	rm -rf .cache
