#!/usr/bin/env bash
# Start-up smoke test of the built API, run the way `npm start` runs it: embedded PostgreSQL on a
# fresh data folder, demo tenants seeded. Passes when /health answers within the limit (90 s), the demo
# accounts are printed and one of them signs in, and a SIGTERM stops the process and its database
# cleanly (exit status 0, no server left running). Needs `npm run build` first.
set -euo pipefail
cd "$(dirname "$0")/.."

# A cold start (initdb, every migration, the demo seed) takes 10-20 s on an idle 2-core machine and
# failed 30 s once on a loaded one: this proves the start works; its speed is the start-up bench's.
LIMIT_SECONDS=${SMOKE_LIMIT_SECONDS:-90}
MAIN=dist/apps/api/src/main.js
[ -f "$MAIN" ] || { echo "smoke: $MAIN is missing; run npm run build first" >&2; exit 1; }

free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/recruit-smoke-XXXXXX")
# PostgreSQL runs as a 'postgres' system user when we are root: it must reach the folder.
chmod 755 "$WORK"
LOG="$WORK/out.log"
PORT=$(free_port)
PG_PORT=$(free_port)
PID=""
PG_PID=""

# Only the processes this script started, by their ids.
cleanup() {
  for p in $PID $PG_PID; do kill -KILL "$p" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

fail() {
  echo "smoke: FAILED: $*" >&2
  echo "---- last output ----" >&2
  tail -n 40 "$LOG" >&2 || true
  exit 1
}

# A configuration mistake stops the boot at once, naming the variable, before any database starts.
if env -u DATABASE_URL PORT=eighty EMBEDDED_PG_DIR="$WORK/never" node "$MAIN" >"$WORK/bad-config.log" 2>&1; then
  fail "the api started with PORT=eighty"
fi
grep -q 'PORT: PORT must be an integer number (got "eighty")' "$WORK/bad-config.log" ||
  { cat "$WORK/bad-config.log" >&2; fail "a bad PORT was not reported by name"; }
[ ! -e "$WORK/never" ] || fail "a bad configuration still started the embedded database"
echo "smoke: PORT=eighty is refused at boot with a message naming PORT"

echo "smoke: starting $MAIN on port $PORT (embedded PostgreSQL on $PG_PORT, data in $WORK/pg)"
START=$(date +%s%N)
env -u DATABASE_URL -u DATABASE_APP_URL \
  NODE_ENV=development PORT="$PORT" EMBEDDED_PG_PORT="$PG_PORT" EMBEDDED_PG_DIR="$WORK/pg" \
  STORAGE_DIR="$WORK/files" SEED_DEMO=true LOG_LEVEL=warn \
  node "$MAIN" >"$LOG" 2>&1 &
PID=$!

until curl -fsS "http://127.0.0.1:$PORT/health" >"$WORK/health.json" 2>/dev/null; do
  kill -0 "$PID" 2>/dev/null || fail "the process exited before answering /health"
  ELAPSED_MS=$((($(date +%s%N) - START) / 1000000))
  [ "$ELAPSED_MS" -lt $((LIMIT_SECONDS * 1000)) ] || fail "/health did not answer within ${LIMIT_SECONDS} s"
  sleep 0.2
done
ELAPSED_MS=$((($(date +%s%N) - START) / 1000000))
echo "smoke: /health answered after $((ELAPSED_MS / 1000)).$(printf '%03d' $((ELAPSED_MS % 1000))) s: $(cat "$WORK/health.json")"
grep -q '"database":{"status":"ok"' "$WORK/health.json" || fail "/health did not report the database as ok"

grep -q '^Demo accounts' "$LOG" || fail "the demo accounts were not printed"
# The operator's line: "  platform  platform-operator  <e-mail>  <password>".
read -r _ _ OP_EMAIL OP_PASSWORD < <(grep -E '^\s+platform\s+platform-operator\s' "$LOG" | head -n 1) ||
  fail "no platform operator among the demo accounts"
echo "smoke: demo accounts printed ($(grep -cE '^\s+[a-z][a-z0-9-]+\s+[a-z,-]+\s+\S+@\S+\s+\S+$' "$LOG") accounts)"
LOGIN=$(curl -sS -o "$WORK/login.json" -w '%{http_code}' -H 'X-Tenant: platform' -H 'content-type: application/json' \
  -d "{\"email\":\"$OP_EMAIL\",\"password\":\"$OP_PASSWORD\"}" "http://127.0.0.1:$PORT/auth/login")
[ "$LOGIN" = 200 ] && grep -q '"accessToken"' "$WORK/login.json" || fail "the printed operator account could not sign in ($LOGIN)"
echo "smoke: the printed platform operator signs in"

for page in docs docs/; do
  node scripts/check-docs-page.mjs "http://127.0.0.1:$PORT/$page" || fail "the API docs page /$page breaks its security policy"
done

# The README's quick start: the site root lists the demo tenants, the demo vacancy is published,
# and the printed demo employer signs in through the portal's own form (CSRF token and all).
ROOT_PAGE=$(curl -fsS "http://127.0.0.1:$PORT/") || fail "the portal's site root did not answer"
for key in kandidatenbank refugee-talent-pool; do
  grep -q "href=\"/t/$key/\"" <<<"$ROOT_PAGE" || fail "the site root does not offer the demo tenant $key"
done
# Pages are read whole before they are searched: `curl | grep -q` fails under pipefail whenever grep
# has its match and exits while curl is still writing (curl: (23) Failed writing body).
VACANCIES_PAGE=$(curl -fsS "http://127.0.0.1:$PORT/t/kandidatenbank/vacancies") ||
  fail "the kandidatenbank's vacancy page did not answer"
grep -q 'Monteur elektrotechniek' <<<"$VACANCIES_PAGE" ||
  fail "the demo vacancy is not on the kandidatenbank's vacancy page"
read -r _ _ EMP_EMAIL EMP_PASSWORD < <(grep -E '^\s+kandidatenbank\s+employer\s' "$LOG" | head -n 1) ||
  fail "no kandidatenbank employer among the demo accounts"
JAR="$WORK/cookies.txt"
SIGN_IN_PAGE=$(curl -fsS -c "$JAR" -b "$JAR" "http://127.0.0.1:$PORT/t/kandidatenbank/sign-in") ||
  fail "the kandidatenbank's sign-in page did not answer"
TOKEN=$(grep -o 'name="_csrf" value="[^"]*"' <<<"$SIGN_IN_PAGE" | sed -n '1{s/.*value="//; s/"$//; p}')
[ -n "$TOKEN" ] || fail "the sign-in page has no CSRF token"
SIGN_IN=$(curl -sS -o /dev/null -w '%{http_code} %{redirect_url}' -c "$JAR" -b "$JAR" \
  --data-urlencode "_csrf=$TOKEN" --data-urlencode "email=$EMP_EMAIL" --data-urlencode "password=$EMP_PASSWORD" \
  "http://127.0.0.1:$PORT/t/kandidatenbank/sign-in")
[[ "$SIGN_IN" == 303* ]] && [[ "$SIGN_IN" != *sign-in* ]] || fail "the demo employer could not sign in on the portal ($SIGN_IN)"
CANDIDATES_PAGE=$(curl -fsS -b "$JAR" "http://127.0.0.1:$PORT/t/kandidatenbank/candidates") ||
  fail "the signed-in demo employer cannot open the candidate bank page"
grep -q '<h1 class="utrecht-heading-1">Kandidaten</h1>' <<<"$CANDIDATES_PAGE" ||
  fail "the signed-in demo employer's candidate bank page has no Kandidaten heading"
echo "smoke: the portal lists the demo tenants, shows the demo vacancy, and the demo employer signs in on it"

PG_PID=$(head -n 1 "$WORK/pg/postmaster.pid" 2>/dev/null) || fail "the embedded PostgreSQL has no postmaster.pid"
kill -TERM "$PID"
set +e
wait "$PID"
STATUS=$?
set -e
PID=""
[ "$STATUS" = 0 ] || fail "the process exited with status $STATUS after SIGTERM (expected 0)"
[ ! -f "$WORK/pg/postmaster.pid" ] || fail "the embedded PostgreSQL did not stop (postmaster.pid is still there)"
! kill -0 "$PG_PID" 2>/dev/null || fail "the embedded PostgreSQL (pid $PG_PID) is still running"
PG_PID=""
echo "smoke: SIGTERM stopped the api and its embedded PostgreSQL cleanly (exit status 0)"
