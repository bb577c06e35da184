#!/usr/bin/env bash
# Makes `docker compose` (the Compose v2+ CLI plugin) available without Docker's apt repository or
# GitHub downloads: it is built from source fetched through the Go module proxy and installed as a
# Docker CLI plugin. `docker compose config` needs no Docker engine, which is all CI uses it for.
#
#   .ci/install-compose.sh                  # idempotent: returns at once when it already works
#   COMPOSE_VERSION=v5.6.0 FORCE=1 .ci/install-compose.sh   # rebuild another version
#
# Needs: go (a version at least the `go` line of that Compose release's go.mod), network access to
# the Go module proxy. Takes ~2 minutes the first time (downloads + compile), a second or so when
# the Go build cache is warm, and ~0.1 s when `docker compose` already works.
#
# Why not Debian's package: bookworm only has `docker-compose` 1.29 (the Python v1, `docker-compose`
# syntax, EOL). Why v5.5.1: the newest release whose module graph the proxy serves in full and whose
# go.mod accepts the Go here (v5.6.0 needs a dependency version the proxy refuses; v5.7.0 needs Go
# 1.26.10).
set -euo pipefail

COMPOSE_VERSION="${COMPOSE_VERSION:-v5.5.1}"
PLUGIN_DIR="${DOCKER_CONFIG:-$HOME/.docker}/cli-plugins"
TARGET="$PLUGIN_DIR/docker-compose"

log() { printf 'install-compose: %s\n' "$*"; }

if [[ "${FORCE:-0}" != 1 ]]; then
  if command -v docker >/dev/null 2>&1 && docker compose version >/dev/null 2>&1; then
    log "already installed: $(docker compose version) (FORCE=1 to rebuild)"
    exit 0
  fi
  if [[ -x "$TARGET" ]] && "$TARGET" version >/dev/null 2>&1; then
    # Built before, but there is no docker CLI to host the plugin: the binary also runs standalone.
    log "already installed: $("$TARGET" version) at $TARGET (no docker CLI: call it directly)"
    exit 0
  fi
fi

if ! command -v go >/dev/null 2>&1; then
  log "error: 'go' is not on PATH. Install Go (https://go.dev/dl/ or the golang package of a recent"
  log "distribution), or install Docker's docker-compose-plugin package where Docker's apt repo is reachable."
  exit 1
fi

major="${COMPOSE_VERSION%%.*}" # v5.5.1 -> v5 (the module path carries the major version)
module="github.com/docker/compose/$major"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

started=$SECONDS
log "building $module@$COMPOSE_VERSION with $(go env GOVERSION) (first build takes ~2 minutes)"
# `go install pkg@version` refuses modules whose go.mod has exclude/replace directives (Compose's
# does), so download the module and build inside it, as its own main module. Run from an empty
# directory so no surrounding go.mod interferes.
src="$(cd "$work" && go mod download -json "$module@$COMPOSE_VERSION" |
  sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')"
if [[ -z "$src" || ! -f "$src/go.mod" ]]; then
  log "error: could not download $module@$COMPOSE_VERSION from $(go env GOPROXY)"
  exit 1
fi
(
  cd "$src"
  CGO_ENABLED=0 GOFLAGS=-buildvcs=false go build -trimpath \
    -ldflags "-s -w -X $module/internal.Version=$COMPOSE_VERSION" \
    -o "$work/docker-compose" ./cmd
) || {
  log "error: build failed. If go.mod needs a newer Go than $(go env GOVERSION), set GOTOOLCHAIN=auto"
  log "(fetches that toolchain from the Go module proxy) or pick an older COMPOSE_VERSION."
  exit 1
}

mkdir -p "$PLUGIN_DIR"
install -m 0755 "$work/docker-compose" "$TARGET"
log "installed $("$TARGET" version) at $TARGET in $((SECONDS - started))s"
if command -v docker >/dev/null 2>&1 && docker compose version >/dev/null 2>&1; then
  log "use: docker compose config"
else
  log "no docker CLI found: use $TARGET config (same commands as 'docker compose')"
fi
