#!/usr/bin/env bash
# Proves a production install: a fresh clone of this commit, `npm ci --omit=dev` (no compiler, no
# type packages, no test tools), then `npm start` builds, indexes and answers a question with its
# citation, and stops cleanly on SIGTERM. Uses the tiny test model shipped in tests/fixtures, so
# nothing is downloaded. Run by .ci/run after the tests.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
server=""
# Only the server started here (an empty pid, never `kill 0`, which would stop the whole process group).
trap 'if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; fi; rm -rf "$work"' EXIT
git clone -q "$repo" "$work/app"
cd "$work/app"
echo "production install: npm ci --omit=dev in a fresh clone of $(git rev-parse --short HEAD)"
npm ci --omit=dev --no-audit --no-fund --loglevel=error
for dev_only in typescript tsx vitest @types/express playwright-core; do
  if [ -e "node_modules/$dev_only" ]; then echo "production install: node_modules/$dev_only is installed, but it is a development dependency" >&2; exit 1; fi
done
port="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
PORT="$port" INDEX_DIR="$work/index" MODEL_ID=tiny-french-e5 MODELS_DIR="$work/app/tests/fixtures/models" MODEL_CACHE_DIR="$work/model-cache" ALLOW_REMOTE_MODELS=false \
  npm start >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 120); do
  if curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$server" 2>/dev/null; then echo "production install: npm start exited:" >&2; cat "$work/server.log" >&2; exit 1; fi
  sleep 1
done
answer="$(curl -fsS -X POST "http://127.0.0.1:$port/ask" -H 'Content-Type: application/json' -d '{"question":"Qui est Janine Korovesis ?"}')"
node -e '
  const body = JSON.parse(process.argv[1]);
  if (!body.answer.includes("Janine Korovesis") || body.citations.length === 0) { console.error("production install: unexpected answer", body.answer); process.exit(1); }
  console.log("production install: /ask answered with", body.citations.length, "citation(s):", body.answer.slice(0, 80));
' "$answer"
curl -fsS "http://127.0.0.1:$port/" | grep -q '<script type="module" src="/app.js">'
curl -fsS -o /dev/null "http://127.0.0.1:$port/app.js"
kill -TERM "$server"
wait "$server" && status=0 || status=$?
server=
if [ "$status" -ne 0 ]; then echo "production install: the server exited $status on SIGTERM" >&2; cat "$work/server.log" >&2; exit 1; fi
echo "production install: served, answered and stopped cleanly"
