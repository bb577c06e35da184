#!/usr/bin/env bash
# Validates the deployment files without a Docker engine:
#   - `docker compose config` for docker-compose.yml, docker-compose.yml + docker-compose.pi.yml
#     and docker-compose.lavalink-remote.yml;
#   - what the resolved configs must say (service wiring, healthchecks, nothing but the bot published...);
#   - the guards: no .env -> refused, remote Lavalink without LAVALINK_PASSWORD -> refused;
#   - the yt-cipher service in every file: not published, healthy before Lavalink starts, its token
#     the one Lavalink sends; YT_CIPHER_URL in the .env, when set, an http(s) URL;
#   - lavalink/application.yml parses as YAML and keeps the settings the bot relies on.
#
#   tools/compose-check.sh                      # .env for the checks comes from .env.example
#   COMPOSE_CHECK_ENV=.env tools/compose-check.sh   # check your own .env instead
#
# Works on a copy in a temporary directory, so it never touches your .env or the working tree.
# Needs `docker compose` (run .ci/install-compose.sh) and node; exits non-zero naming what failed.
# shellcheck disable=SC2016 # the JavaScript assertions below are single-quoted on purpose
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
failures=0
pass() { printf 'ok   - %s\n' "$1"; }
fail() {
  printf 'FAIL - %s\n' "$1"
  [[ -n "${2:-}" ]] && printf '%s\n' "$2" | sed 's/^/       /'
  failures=$((failures + 1))
}

# --- the compose command: the v2+ plugin, or its binary run standalone ---------------------------
plugin="${DOCKER_CONFIG:-$HOME/.docker}/cli-plugins/docker-compose"
if command -v docker >/dev/null 2>&1 && docker compose version >/dev/null 2>&1; then
  compose=(docker compose)
elif [[ -x "$plugin" ]] && "$plugin" version >/dev/null 2>&1; then
  compose=("$plugin")
elif command -v docker-compose >/dev/null 2>&1 && docker-compose version 2>/dev/null | grep -q 'v[2-9]'; then
  compose=(docker-compose)
else
  echo "compose-check: no Compose v2+ found; run .ci/install-compose.sh first" >&2
  exit 2
fi
echo "compose-check: using $("${compose[@]}" version)"

# --- a throwaway copy of what the compose files reference ------------------------------------------
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/project"
project="$work/project"
for f in docker-compose.yml docker-compose.pi.yml docker-compose.lavalink-remote.yml; do
  if [[ -f "$root/$f" ]]; then cp "$root/$f" "$project/"; else fail "$f exists"; fi
done
cp -R "$root/docker" "$root/lavalink" "$project/" 2>/dev/null || fail "docker/ and lavalink/ exist"

env_source="${COMPOSE_CHECK_ENV:-$root/.env.example}"
[[ "$env_source" = /* ]] || env_source="$root/$env_source"
if [[ -f "$env_source" ]]; then
  cp "$env_source" "$project/.env"
else
  echo "compose-check: $env_source not found, using a minimal .env"
  printf 'DISCORD_TOKEN=x\nDISCORD_CLIENT_ID=1\nLAVALINK_PASSWORD=youshallnotpass\n' >"$project/.env"
fi

# Variables exported in the caller's shell would win over .env; run compose without them.
clean_env=(env -u LAVALINK_PASSWORD -u HTTP_PORT -u MONGO_IMAGE -u LAVALINK_IMAGE -u LAVALINK_HEAP
  -u BOT_LAVALINK_NODES -u BOT_MONGODB_URI -u COMPOSE_FILE -u COMPOSE_PROJECT_NAME -u COMPOSE_PROFILES
  -u YT_CIPHER_TOKEN -u YT_CIPHER_URL -u YT_CIPHER_IMAGE)

# run_config LABEL DIR [compose args...]: `config -q`, then the JSON form into $work/LABEL.json
run_config() {
  local label="$1" dir="$2"
  shift 2
  local out
  if out="$(cd "$dir" && "${clean_env[@]}" "${compose[@]}" "$@" config -q 2>&1)"; then
    pass "compose config: $label"
    (cd "$dir" && "${clean_env[@]}" "${compose[@]}" "$@" config --format json >"$work/$label.json" 2>/dev/null)
    return 0
  fi
  fail "compose config: $label" "$out"
  return 1
}

# expect_refused LABEL DIR PATTERN [compose args...]: config must fail with PATTERN in its message
expect_refused() {
  local label="$1" dir="$2" pattern="$3"
  shift 3
  local out
  if out="$(cd "$dir" && "${clean_env[@]}" "${compose[@]}" "$@" config -q 2>&1)"; then
    fail "$label (compose accepted it)"
  elif grep -qi -- "$pattern" <<<"$out"; then
    pass "$label"
  else
    fail "$label (refused, but not for the expected reason)" "$out"
  fi
}

# assert_json FILE-LABEL DESCRIPTION JS-EXPRESSION-over-`c` (the resolved compose config)
assert_json() {
  local label="$1" what="$2" expr="$3" out
  [[ -f "$work/$label.json" ]] || return 0 # config itself already failed
  if out="$(node -e '
    const c = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const ok = (() => { '"$expr"' })();
    if (ok !== true) { console.log(typeof ok === "string" ? ok : "assertion is false"); process.exit(1); }
  ' "$work/$label.json" 2>&1)"; then
    pass "$label: $what"
  else
    fail "$label: $what" "$out"
  fi
}

# YT_CIPHER_URL as the .env gives it (empty: the bundled yt-cipher service).
cipher_url="$(sed -n 's/^YT_CIPHER_URL=//p' "$project/.env" | tail -n 1 | sed -e "s/^[\"']//" -e "s/[\"']\$//")"

# assert_cipher LABEL [URL]: the yt-cipher service and Lavalink's use of it, in one resolved config;
# URL is the cipher Lavalink must be given (default: the .env's YT_CIPHER_URL, else the bundled one)
assert_cipher() {
  local label="$1"
  EXPECTED_CIPHER_URL="${2:-$cipher_url}"
  export EXPECTED_CIPHER_URL
  assert_json "$label" "yt-cipher: built on the upstream image, not published, healthcheck without a shell" '
    const y = c.services["yt-cipher"];
    if (!y) return "no yt-cipher service";
    if (y.ports && y.ports.length) return "yt-cipher is published: " + JSON.stringify(y.ports);
    const base = y.build && y.build.args && y.build.args.YT_CIPHER_IMAGE;
    if (!/^ghcr\.io\/kikkia\/yt-cipher[:@]/.test(base || "")) return "YT_CIPHER_IMAGE=" + base;
    const t = (y.healthcheck && y.healthcheck.test) || [];
    if (t[0] !== "CMD") return "the image is distroless: the healthcheck must be CMD, not " + t[0];
    if (!t.join(" ").includes("http://127.0.0.1:8001/")) return "healthcheck does not probe port 8001: " + t.join(" ");
    if (y.environment.PORT !== "8001") return "PORT=" + y.environment.PORT;
    if (y.environment.OVERRIDE_PLAYER_VARIANT !== "IAS") return "OVERRIDE_PLAYER_VARIANT=" + y.environment.OVERRIDE_PLAYER_VARIANT;
    return y.restart === "unless-stopped" || "restart=" + y.restart;'
  assert_json "$label" "lavalink: waits for a healthy yt-cipher, reaches it by name and sends its token" '
    const l = c.services.lavalink, y = c.services["yt-cipher"];
    if (!y) return "no yt-cipher service";
    const d = l.depends_on && l.depends_on["yt-cipher"];
    if (!d || d.condition !== "service_healthy") return "lavalink does not wait for a healthy yt-cipher";
    const url = process.env.EXPECTED_CIPHER_URL || "http://yt-cipher:8001";
    if (l.environment.YT_CIPHER_URL !== url) return "YT_CIPHER_URL=" + l.environment.YT_CIPHER_URL + ", expected " + url;
    if (!("YT_CIPHER_TOKEN" in l.environment)) return "YT_CIPHER_TOKEN is not passed to lavalink";
    return l.environment.YT_CIPHER_TOKEN === y.environment.API_TOKEN || "lavalink and yt-cipher tokens differ";'
}

echo "--- docker-compose.yml"
run_config docker-compose.yml "$project" -f docker-compose.yml
assert_json docker-compose.yml "bot reaches mongo and lavalink by service name" '
  const e = c.services.bot.environment;
  if (e.MONGODB_URI !== "mongodb://mongo:27017/accord") return "MONGODB_URI=" + e.MONGODB_URI;
  if (!/^main:[^@]+@lavalink:2333$/.test(e.LAVALINK_NODES)) return "LAVALINK_NODES=" + e.LAVALINK_NODES;
  const pw = c.services.lavalink.environment.LAVALINK_SERVER_PASSWORD;
  if (e.LAVALINK_NODES !== `main:${pw}@lavalink:2333`) return "bot and lavalink passwords differ";
  return e.HTTP_PORT === "3000" && e.HTTP_HOST === "0.0.0.0" && e.DATA_DIR === "/app/data";'
assert_json docker-compose.yml "bot waits for healthy lavalink and mongo" '
  const d = c.services.bot.depends_on;
  return d.lavalink.condition === "service_healthy" && d.mongo.condition === "service_healthy";'
assert_json docker-compose.yml "every service has a healthcheck and restarts unless stopped" '
  for (const [n, s] of Object.entries(c.services)) {
    if (!s.healthcheck || !s.healthcheck.test) return n + " has no healthcheck";
    if (s.restart !== "unless-stopped") return n + " restart=" + s.restart;
  }
  return true;'
assert_json docker-compose.yml "only the bot publishes a port (3000)" '
  for (const [n, s] of Object.entries(c.services)) if (n !== "bot" && s.ports && s.ports.length) return n + " is published";
  const p = c.services.bot.ports || [];
  return p.length === 1 && p[0].target === 3000 || JSON.stringify(p);'
assert_json docker-compose.yml "bot: built from docker/Dockerfile, init, 30s grace, data volume" '
  const b = c.services.bot;
  if (b.build.dockerfile !== "docker/Dockerfile") return "dockerfile=" + b.build.dockerfile;
  if (b.init !== true) return "init is not true";
  if (b.stop_grace_period !== "30s") return "stop_grace_period=" + b.stop_grace_period;
  return b.volumes.some((v) => v.source === "accord-data" && v.target === "/app/data") || "no accord-data:/app/data";'
assert_json docker-compose.yml "lavalink mounts application.yml read-only and plugins/" '
  const v = c.services.lavalink.volumes;
  const cfg = v.find((x) => x.target === "/opt/Lavalink/application.yml");
  if (!cfg || cfg.read_only !== true) return "application.yml not mounted read-only";
  return v.some((x) => x.target === "/opt/Lavalink/plugins") || "plugins not mounted";'
assert_cipher docker-compose.yml
assert_json docker-compose.yml "named volumes declared" '
  return ["accord-data", "mongo-data"].every((n) => n in (c.volumes || {})) || Object.keys(c.volumes || {}).join();'

# The token reaches both ends when .env sets it.
mkdir -p "$work/token"
cp -R "$project/." "$work/token/"
printf '\nYT_CIPHER_TOKEN=check-only-cipher-token\n' >>"$work/token/.env"
run_config docker-compose.yml+token "$work/token" -f docker-compose.yml
assert_json docker-compose.yml+token "YT_CIPHER_TOKEN from .env is yt-cipher API_TOKEN and what Lavalink sends" '
  const y = c.services["yt-cipher"].environment, l = c.services.lavalink.environment;
  return (y.API_TOKEN === "check-only-cipher-token" && l.YT_CIPHER_TOKEN === "check-only-cipher-token") ||
    JSON.stringify({ api: y.API_TOKEN, lavalink: l.YT_CIPHER_TOKEN });'

mkdir -p "$work/noenv"
cp "$project/docker-compose.yml" "$work/noenv/"
expect_refused "docker-compose.yml: without .env is refused (env_file is required)" "$work/noenv" '\.env' \
  -f docker-compose.yml

echo "--- docker-compose.yml + docker-compose.pi.yml"
run_config docker-compose.yml+docker-compose.pi.yml "$project" -f docker-compose.yml -f docker-compose.pi.yml
assert_json docker-compose.yml+docker-compose.pi.yml "mongo 4.4.18 by default, healthcheck works with mongo and mongosh" '
  const m = c.services.mongo;
  if (m.image !== "mongo:4.4.18") return "image=" + m.image;
  const t = m.healthcheck.test.join(" ");
  return (t.includes("mongosh") && /\|\|\s*mongo /.test(t)) || t;'
assert_json docker-compose.yml+docker-compose.pi.yml "memory limits on every service, Lavalink heap below its limit" '
  for (const [n, s] of Object.entries(c.services)) {
    const mem = s.deploy && s.deploy.resources && s.deploy.resources.limits && s.deploy.resources.limits.memory;
    if (!mem) return n + " has no memory limit";
  }
  const heap = /-Xmx(\d+)m/.exec(c.services.lavalink.environment._JAVA_OPTIONS);
  const limit = Number(c.services.lavalink.deploy.resources.limits.memory);
  return (heap && Number(heap[1]) * 1048576 < limit) || "heap " + (heap && heap[0]) + " vs limit " + limit;'
assert_json docker-compose.yml+docker-compose.pi.yml "Pi overrides keep the main file wiring" '
  return c.services.bot.environment.MONGODB_URI === "mongodb://mongo:27017/accord" &&
    c.services.bot.depends_on.lavalink.condition === "service_healthy";'
assert_cipher docker-compose.yml+docker-compose.pi.yml
assert_json docker-compose.yml+docker-compose.pi.yml "yt-cipher runs one worker thread by default" '
  return c.services["yt-cipher"].environment.MAX_THREADS === "1" || "MAX_THREADS=" + c.services["yt-cipher"].environment.MAX_THREADS;'

echo "--- docker-compose.lavalink-remote.yml"
mkdir -p "$work/remote"
cp -R "$project/docker-compose.lavalink-remote.yml" "$project/lavalink" "$project/docker" "$work/remote/"
expect_refused "docker-compose.lavalink-remote.yml: without LAVALINK_PASSWORD is refused" "$work/remote" 'LAVALINK_PASSWORD' \
  -f docker-compose.lavalink-remote.yml
printf 'LAVALINK_PASSWORD=check-only-password\n' >"$work/remote/.env"
run_config docker-compose.lavalink-remote.yml "$work/remote" -f docker-compose.lavalink-remote.yml
assert_json docker-compose.lavalink-remote.yml "publishes 2333 with the password from the environment" '
  const l = c.services.lavalink;
  if (l.environment.LAVALINK_SERVER_PASSWORD !== "check-only-password") return "password not taken from env";
  return (l.ports || []).some((p) => p.target === 2333 && String(p.published) === "2333") || JSON.stringify(l.ports);'
assert_cipher docker-compose.lavalink-remote.yml http://yt-cipher:8001

echo "--- lavalink/application.yml"
yaml_check() {
  # Parses with PyYAML or js-yaml, whichever exists; prints the JSON of the document.
  local file="$1"
  if command -v python3 >/dev/null 2>&1 && python3 -c 'import yaml' 2>/dev/null; then
    python3 -c '
import json, sys, yaml
try:
    print(json.dumps(yaml.safe_load(open(sys.argv[1]))))
except yaml.YAMLError as e:
    sys.exit(str(e))' "$file"
  elif (cd "$root" && node -e 'require.resolve("js-yaml")' 2>/dev/null); then
    (cd "$root" && node -e 'console.log(JSON.stringify(require("js-yaml").load(require("fs").readFileSync(process.argv[1], "utf8"))))' "$file")
  else
    return 3
  fi
}
if json="$(yaml_check "$root/lavalink/application.yml" 2>&1)"; then
  pass "lavalink/application.yml is valid YAML"
  printf '%s' "$json" >"$work/lavalink-application.yml.json"
  assert_json lavalink-application.yml "youtube plugin pinned, built-in youtube off, password and port set" '
    const plugins = c.lavalink.plugins || [];
    const yt = plugins.find((p) => /^dev\.lavalink\.youtube:youtube-plugin:/.test(p.dependency));
    if (!yt) return "youtube-plugin dependency missing";
    if (!/:(\d+\.\d+\.\d+|[0-9a-f]{40})$/.test(yt.dependency)) return "not pinned: " + yt.dependency;
    const s = c.lavalink.server;
    if (s.sources.youtube !== false) return "lavalink.server.sources.youtube must be false";
    if (!s.password) return "no lavalink.server.password";
    if (c.server.port !== 2333) return "server.port=" + c.server.port;
    const y = c.plugins && c.plugins.youtube;
    if (!y || y.enabled !== true || !Array.isArray(y.clients) || y.clients.length === 0) return "plugins.youtube incomplete";
    return !y.clients.includes("IOS") || "IOS client has no Opus: every track would be transcoded";'
  assert_json lavalink-application.yml "youtube plugin: no repository line (a snapshot stays selectable)" '
    const yt = (c.lavalink.plugins || []).find((p) => /youtube-plugin/.test(p.dependency));
    return (yt && !("repository" in yt)) || "repository: " + (yt && yt.repository);'
  assert_json lavalink-application.yml "remoteCipher reads YT_CIPHER_URL and YT_CIPHER_TOKEN, timeouts fit the cipher" '
    const r = c.plugins.youtube.remoteCipher;
    if (!r) return "plugins.youtube.remoteCipher missing";
    if (!/^\$\{YT_CIPHER_URL:https?:\/\/[^}]+\}$/.test(r.url)) return "url=" + r.url;
    if (r.password !== "${YT_CIPHER_TOKEN:}") return "password=" + r.password;
    const t = c.lavalink.server.timeouts;
    return ["connectTimeoutMs", "connectionRequestTimeoutMs", "socketTimeoutMs"].every((k) => t[k] >= 10000) ||
      "timeouts below 10 s: " + JSON.stringify(t);'
else
  rc=$?
  if [[ $rc -eq 3 ]]; then
    echo "skip - lavalink/application.yml YAML check (neither PyYAML nor js-yaml available)"
  else
    fail "lavalink/application.yml is valid YAML" "$json"
  fi
fi

echo "--- YT_CIPHER_URL in $(basename "$env_source")"
# Only Lavalink reads it (the bot never does), so this is where a malformed value is caught.
# cipher_url_problem VALUE: prints what is wrong with it, nothing when it is empty or fine
cipher_url_problem() {
  node -e '
    const v = process.argv[1];
    if (v === "") process.exit(0);
    let u;
    try { u = new URL(v); } catch { console.log("YT_CIPHER_URL is not a URL: " + JSON.stringify(v)); process.exit(0); }
    if (!/^https?:$/.test(u.protocol)) console.log("YT_CIPHER_URL must be http:// or https://, not " + u.protocol);
    else if (!u.hostname) console.log("YT_CIPHER_URL has no host");
    else if (u.username || u.password) console.log("YT_CIPHER_URL must not carry credentials (use YT_CIPHER_TOKEN)");
  ' "$1"
}
if problem="$(cipher_url_problem "$cipher_url")" && [[ -z "$problem" ]]; then
  pass "YT_CIPHER_URL is empty or an http(s) URL"
else
  fail "YT_CIPHER_URL is empty or an http(s) URL" "$problem"
fi
for bad in 'yt-cipher:8001' 'ftp://yt-cipher:8001' 'http://user:pw@yt-cipher:8001'; do
  if [[ -n "$(cipher_url_problem "$bad")" ]]; then
    pass "a malformed YT_CIPHER_URL is refused ($bad)"
  else
    fail "a malformed YT_CIPHER_URL is refused ($bad)"
  fi
done

echo
if ((failures > 0)); then
  echo "compose-check: $failures check(s) failed"
  exit 1
fi
echo "compose-check: all checks passed"
