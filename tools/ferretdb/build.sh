#!/usr/bin/env bash
# Builds the test database server (FerretDB 1.x embedded, SQLite backend) to bin/accord-testdb.
# Rebuilds only when the binary is missing or older than its sources, so a second run is instant.
# Needs Go >= 1.24 (older Go fetches that toolchain through the module proxy) and the Go module
# proxy for the first build; versions are pinned by go.mod and go.sum.
# Usage: build.sh [-q]   (-q: say nothing when the binary is already up to date)
set -euo pipefail

quiet=false
[[ "${1:-}" == "-q" ]] && quiet=true

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bin="$here/bin/accord-testdb"

if ! command -v go >/dev/null 2>&1; then
  echo "testdb: 'go' is not on PATH. Install Go >= 1.24 to build the FerretDB test database," >&2
  echo "testdb: or set MONGODB_URI to a MongoDB server the tests may use." >&2
  exit 1
fi

if [[ -x "$bin" ]]; then
  stale="$(find "$here" -maxdepth 1 -type f \( -name '*.go' -o -name go.mod -o -name go.sum -o -name build.sh \) \
    -newer "$bin" -print -quit)"
  if [[ -z "$stale" ]]; then
    $quiet || echo "testdb: $bin is up to date"
    exit 0
  fi
  echo "testdb: rebuilding, $(basename "$stale") changed"
else
  echo "testdb: building $bin (first build downloads modules and takes a couple of minutes)"
fi

mkdir -p "$here/bin"
tmp="$bin.tmp.$$"
trap 'rm -f "$tmp"' EXIT
start=$SECONDS
# -mod=readonly: go.sum is the pin, a missing entry is an error, not a silent upgrade.
# -buildvcs=false: the module sits inside the app's git repo; stamping it is pointless and can fail.
(cd "$here" && go build -mod=readonly -buildvcs=false -trimpath -ldflags='-s -w' -o "$tmp" .) || {
  echo "testdb: go build failed (is the Go module proxy reachable? see tools/ferretdb/README.md)" >&2
  exit 1
}
# Rename last so a concurrent run never starts a half-written binary.
mv -f "$tmp" "$bin"
echo "testdb: built $bin in $((SECONDS - start))s"
