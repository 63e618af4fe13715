#!/usr/bin/env bash
# `npm start` and `npm test` from a folder other users cannot enter (a clone in root's home, mode
# 0700). As root, PostgreSQL runs as the system user `postgres`, which cannot reach the binaries or
# the data there: the embedded server must still start (binaries linked and data kept where that
# user can reach them) and stop cleanly. Copies the built project (hard links for node_modules),
# starts the api until /health answers and stops it, runs one test file against the embedded
# server, and removes what it made. Needs `npm run build` first.
set -euo pipefail
cd "$(dirname "$0")/.."
SOURCE=$(pwd)
LIMIT_SECONDS=${PRIVATE_LIMIT_SECONDS:-120}
[ -f dist/apps/api/src/main.js ] || { echo "private: dist is missing; run npm run build first" >&2; exit 1; }

free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }

WORK=$(mktemp -d "${HOME:-/root}/.recruit-private-XXXXXX")
chmod 700 "$WORK"
PROJECT="$WORK/project"
LOG="$WORK/start.log"
PID=""
cleanup() {
  [ -n "$PID" ] && kill -KILL "$PID" 2>/dev/null || true
  # What the server placed outside the private folder for this copy, as its log lines say.
  for f in "$LOG" "$WORK/test.log"; do
    [ -f "$f" ] || continue
    grep -oE 'data kept in [^ ]+' "$f" | awk '{print $4}' | while read -r d; do rm -rf "$d"; done || true
    grep -oE 'binaries linked into [^ ]+/native' "$f" | awk '{print $4}' | while read -r d; do rm -rf "$(dirname "$d")"; done || true
  done
  rm -rf "$WORK"
}
trap cleanup EXIT
fail() {
  echo "private: FAILED: $*" >&2
  tail -n 40 "$LOG" "$WORK/test.log" >&2 2>/dev/null || true
  exit 1
}

mkdir -p "$PROJECT"
git ls-files -z --cached --others --exclude-standard | tar --null -T - -cf - | tar -xf - -C "$PROJECT"
cp -a dist "$PROJECT/dist"
cp -al node_modules "$PROJECT/node_modules" 2>/dev/null || cp -a node_modules "$PROJECT/node_modules"
echo "private: project copied into $PROJECT (mode $(stat -c %a "$WORK") on $WORK)"

cd "$PROJECT"
PORT=$(free_port)
PG_PORT=$(free_port)
env -u DATABASE_URL -u DATABASE_APP_URL -u EMBEDDED_PG_DIR NODE_ENV=development PORT="$PORT" EMBEDDED_PG_PORT="$PG_PORT" \
  SEED_DEMO=false LOG_LEVEL=info node dist/apps/api/src/main.js >"$LOG" 2>&1 &
PID=$!
START=$(date +%s)
until curl -fsS "http://127.0.0.1:$PORT/health" >/dev/null 2>&1; do
  kill -0 "$PID" 2>/dev/null || fail "npm start exited before answering /health"
  [ $(($(date +%s) - START)) -lt "$LIMIT_SECONDS" ] || fail "/health did not answer within $LIMIT_SECONDS s"
  sleep 0.5
done
echo "private: npm start answered /health from the private folder after $(($(date +%s) - START)) s"
if [ "$(id -u)" = 0 ]; then
  grep -q 'PostgreSQL binaries linked into' "$LOG" || fail "as root, the binaries were not placed where postgres can reach them"
  grep -q 'data kept in' "$LOG" || fail "as root, the data was not placed where postgres can enter it"
  grep -oE '(PostgreSQL binaries linked into|data kept in) [^"]+' "$LOG" | sed 's/^/private:   /'
fi
kill -TERM "$PID"
set +e
wait "$PID"
STATUS=$?
set -e
PID=""
[ "$STATUS" = 0 ] || fail "npm start exited with status $STATUS after SIGTERM"
echo "private: SIGTERM stopped the api and its embedded PostgreSQL cleanly"

# npm test's own embedded server, with its temporary folder inside the private folder too.
mkdir -m 700 "$WORK/tmp"
TMPDIR="$WORK/tmp" env -u DATABASE_URL npm test -- libs/config/src/__tests__/app-config.spec.ts >"$WORK/test.log" 2>&1 ||
  fail "npm test failed from the private folder"
grep -q '\[tests\] embedded PostgreSQL on port' "$WORK/test.log" || fail "npm test did not start its embedded PostgreSQL"
echo "private: npm test ran against its embedded PostgreSQL from the private folder"
cd "$SOURCE"
