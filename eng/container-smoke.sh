#!/usr/bin/env bash
# Container smoke test: builds the image, starts docker-compose.yml's stack under a project of its own (its own
# containers, network and volume, so a stack you run yourself is left alone), waits until both services are healthy,
# imports an article through POST /import with a key, reads it back, checks that the API does not run as root,
# recreates the stack and finds the article still there, and tears everything down (the image stays, so the next run
# reuses its layers). Exit 0 when every step passed.
#
#   eng/container-smoke.sh            needs docker (and `docker compose` or docker-compose) and curl; not part of .ci/run
#
# It uses whatever base images the engine has: Microsoft's and postgres:18 from the registries, or the stand-ins that
# ../shared/tools/container-base-images.sh builds on a machine without registry access.
# Settings: SMOKE_PORT (default 18080), SMOKE_PROJECT (default newsfeed-smoke), SMOKE_BUILD_NETWORK (default host:
# the build's restore reaches NuGet through the host's network, which also works where builds have a network of their own).
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${SMOKE_PORT:-18080}
PROJECT=${SMOKE_PROJECT:-newsfeed-smoke}
BASE=http://127.0.0.1:$PORT
if docker compose version > /dev/null 2>&1; then COMPOSE=(docker compose); else COMPOSE=(docker-compose); fi
WORK=$(mktemp -d)
TOKEN=$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')
KEY=$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')   # 64 hex characters: over the API's 32-character minimum

step() { printf '\n== %s\n' "$*"; }
fail() { printf 'FAILED: %s\n' "$*" >&2; "${COMPOSE[@]}" "${STACK[@]}" logs --tail 40 >&2 || true; exit 1; }

# The stack reads this file instead of any .env of yours: .env.example as shipped, with the secrets and port set.
sed -e "s/^POSTGRES_PASSWORD=.*/POSTGRES_PASSWORD=smoke-$TOKEN/" -e "s/^NEWSFEED_API_KEY=.*/NEWSFEED_API_KEY=$KEY/" \
    -e "s/^NEWSFEED_PORT=.*/NEWSFEED_PORT=$PORT/" .env.example > "$WORK/smoke.env"
STACK=(-p "$PROJECT" --env-file "$WORK/smoke.env")

teardown() {
  step "tear down"
  "${COMPOSE[@]}" "${STACK[@]}" down --volumes --remove-orphans || true
  rm -rf "$WORK"
}
trap teardown EXIT

wait_healthy() {  # wait_healthy SERVICE: until docker reports the container healthy (3 minutes at most)
  local id status
  for _ in $(seq 90); do
    id=$("${COMPOSE[@]}" "${STACK[@]}" ps -q "$1")
    status=$(docker inspect --format '{{.State.Health.Status}}' "$id" 2> /dev/null || echo starting)
    if [ "$status" = healthy ]; then echo "$1: healthy"; return; fi
    sleep 2
  done
  fail "$1 is not healthy after 3 minutes (last status: $status)"
}

titles() { curl -fsS "$BASE/articles?fields=title&pageSize=100"; }

step "build the image"
docker build --network "${SMOKE_BUILD_NETWORK:-host}" -t newsfeed-api .

step "start the stack (project $PROJECT, http://127.0.0.1:$PORT)"
"${COMPOSE[@]}" "${STACK[@]}" up -d --no-build
wait_healthy db
wait_healthy api

step "the API answers"
curl -fsS "$BASE/health/ready"; echo
root=$(curl -sS -o /dev/null -w '%{http_code} %{redirect_url}' "$BASE/")
echo "GET / -> $root"
[[ $root == "302 "*"/swagger/index.html" ]] || fail "GET / does not redirect to Swagger UI"
titles | grep -q 'SenseTime' || fail "the sample article is not served"
echo "the sample article is served"

step "import an article through POST /import"
# The sample article under a new URL and title: a real article file that the database does not hold yet.
sed -e "s|^title: .*|title: \"Container smoke test $TOKEN\"|" \
    -e "s|^webUrl: .*|webUrl: \"https://example.com/container-smoke-$TOKEN\"|" \
    -e "s|^originalUrl: .*|originalUrl: \"https://example.com/container-smoke-$TOKEN\"|" \
    src/NewsFeed.Api/SampleData/*.txt > "$WORK/container-smoke-$TOKEN.md"
unauthorized=$(curl -sS -o /dev/null -w '%{http_code}' -F "files=@$WORK/container-smoke-$TOKEN.md" "$BASE/import")
echo "without the key: $unauthorized"
[ "$unauthorized" = 401 ] || fail "an import without the key answered $unauthorized, not 401"
report=$(curl -fsS -H "X-Api-Key: $KEY" -F "files=@$WORK/container-smoke-$TOKEN.md" "$BASE/import")
echo "$report"
grep -q '"created":1' <<< "$report" || fail "the import did not create the article"

step "read it back"
titles | grep -q "Container smoke test $TOKEN" || fail "the imported article is not listed"
echo "listed: Container smoke test $TOKEN"

step "the API does not run as root"
api=$("${COMPOSE[@]}" "${STACK[@]}" ps -q api)
uid=$(docker exec "$api" cat /proc/1/status | awk '/^Uid:/ {print $2}')
echo "uid of the API process: $uid"
[ "$uid" != 0 ] || fail "the API runs as root"

step "the log is clean"
errors=$(docker logs "$api" 2>&1 | grep -cE '"@l":"(Error|Fatal)"|libgssapi' || true)
echo "Error/Fatal or libgssapi lines: $errors"
[ "$errors" = 0 ] || fail "the API logged errors: $(docker logs "$api" 2>&1 | grep -E '"@l":"(Error|Fatal)"|libgssapi' | head -3)"

step "recreate the stack: the data is in the volume"
"${COMPOSE[@]}" "${STACK[@]}" down
"${COMPOSE[@]}" "${STACK[@]}" up -d --no-build
wait_healthy db
wait_healthy api
titles | grep -q "Container smoke test $TOKEN" || fail "the imported article is gone after the restart"
total=$(titles | grep -o '"totalCount":[0-9]*')
echo "still listed: Container smoke test $TOKEN ($total)"
[ "$total" = '"totalCount":2' ] || fail "expected the sample and the imported article, found $total"

step "PASSED"
