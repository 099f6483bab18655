#!/usr/bin/env bash
# Reads under an import, heavier than the suite's ReadsDuringImportTests:
#   bench/load/run.sh [ENGINE] [READERS] [REQUESTS]      ENGINE postgres (default) or sqlite; defaults 16 readers x 300
# 1. starts a throwaway PostgreSQL cluster (eng/postgres.sh, never a shared server) or a SQLite file in a scratch folder;
# 2. runs the API (Release build) on loopback with the response cache off, so every read reaches the database;
# 3. imports azure (4,958 files) and then powerapps (674) with the command line, in small batches so the writer
#    commits often, and meanwhile READERS threads each send REQUESTS GETs over /articles (pages, sort, search, topic,
#    facets), /topics and /providers;
# 4. prints the status counts, latency percentiles, whether the reads overlapped the import, and every non-200.
# Exits 1 if any read was not a 200. A benchmark, not a test: nothing here asserts a time.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/../.."
root=$PWD
engine=${1:-postgres}
readers=${2:-16}
requests=${3:-300}
shared=$(readlink -f "$root/../shared")
work=$(mktemp -d /tmp/newsfeed-load.XXXXXX)
chmod 755 "$work"
api_pid=
cleanup() {
  [[ -n $api_pid ]] && kill "$api_pid" 2>/dev/null || true
  eng/postgres.sh stop "$work/pg" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "building NewsFeed (Release)..." >&2
dotnet build src/NewsFeed.Api -c Release -v quiet -nologo >&2
dll="$root/src/NewsFeed.Api/bin/Release/net10.0/NewsFeed.Api.dll"

case $engine in
  postgres)
    eng/postgres.sh ensure-installed
    server=$(eng/postgres.sh start "$work/pg")
    export Database__Provider=Postgres ConnectionStrings__NewsFeed="$server" ;;
  sqlite)
    export Database__Provider=Sqlite ConnectionStrings__NewsFeed="Data Source=$work/newsfeed.db" ;;
  *) echo "usage: $0 [postgres|sqlite] [READERS] [REQUESTS]" >&2; exit 2 ;;
esac
export DOTNET_ENVIRONMENT=Production Database__SeedSampleData=false ReadApi__ResponseCacheEnabled=false \
  Serilog__MinimumLevel__Default=Warning Import__BatchSize=25

mkdir -p "$work/corpus"
tar xzf "$shared/corpus/azure.tar.gz" -C "$work/corpus"
tar xzf "$shared/corpus/powerapps.tar.gz" -C "$work/corpus"
dotnet "$dll" migrate >/dev/null

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
dotnet "$dll" --urls "http://127.0.0.1:$port" >"$work/api.log" 2>&1 &
api_pid=$!
for _ in $(seq 120); do curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 0.5; done

echo "importing azure then powerapps while $readers readers send $requests requests each ($engine)..." >&2
( dotnet "$dll" import "$work/corpus/azure" >"$work/import.log" 2>&1
  dotnet "$dll" import "$work/corpus/powerapps" >>"$work/import.log" 2>&1
  echo "exit $?" >>"$work/import.log"; touch "$work/import.done" ) &
import_pid=$!
sleep 2  # let the first batches commit, so the readers meet a writer

reads=0
python3 - "$port" "$readers" "$requests" "$work/import.done" <<'PY' || reads=$?
import os, sys, threading, time, urllib.error, urllib.request
port, readers, requests, done_flag = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
paths = ["/articles", "/articles?pageSize=5&sort=-quality", "/articles?page=20", "/articles?q=azure%20data",
         "/articles?topic=Azure&facets=topic", "/topics", "/providers", "/providers?q=micro"]
lock = threading.Lock()
statuses, latencies, failures, overlapped = {}, [], [], [0]
def reader(n):
    for i in range(requests):
        path = paths[(n + i) % len(paths)]
        started = time.monotonic()
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as r:
                status, body = r.status, b""
                r.read()
        except urllib.error.HTTPError as e:
            status, body = e.code, e.read()[:300]
        except Exception as e:  # a reset or timeout counts as a failure too
            status, body = 0, str(e).encode()
        elapsed = time.monotonic() - started
        with lock:
            statuses[status] = statuses.get(status, 0) + 1
            latencies.append(elapsed)
            if not os.path.exists(done_flag): overlapped[0] += 1
            if status != 200: failures.append(f"{path}: {status} {body.decode(errors='replace')}")
threads = [threading.Thread(target=reader, args=(n,)) for n in range(readers)]
t0 = time.monotonic()
for t in threads: t.start()
for t in threads: t.join()
wall = time.monotonic() - t0
latencies.sort()
pct = lambda p: latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000
print(f"requests: {len(latencies)} in {wall:.1f} s ({len(latencies) / wall:.0f}/s); statuses: {statuses}")
print(f"latency ms: p50 {pct(0.5):.0f}, p95 {pct(0.95):.0f}, p99 {pct(0.99):.0f}, max {latencies[-1] * 1000:.0f}")
print(f"requests sent while the import ran: {overlapped[0]}")
for f in failures[:20]: print("FAILED", f)
sys.exit(1 if failures else 0)
PY
wait "$import_pid"
grep -E '^[0-9]+ files|^error|^exit' "$work/import.log" >&2 || true
exit $reads
