#!/usr/bin/env python3
"""Query benchmark of the read API on PostgreSQL with 1,000,000 articles.

Builds (once) a database from the azure corpus grown to 1M articles by generate.sql, starts the Release build of the
API twice (response cache off, then on), loads it with wrk on loopback, runs pgbench with the SQL the API sends for
the topic query (captured from the server's statement log), and prints the figures and the ratios the issue names.

    bench/query/run.py [--work DIR] [--duration SECONDS] [--warmup SECONDS] [--rounds N] [--connections N]
"""
import argparse, json, os, re, signal, statistics, subprocess, sys, tarfile, time, urllib.parse, urllib.request

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
PGBIN = "/usr/lib/postgresql/15/bin"
DB = "newsfeed_bench"
TOPIC = "Security"          # a mid-size topic: 135 of 4,944 azure articles, about 27,000 of the million
SEARCH = "cloud data"       # two common words
PORT = 5399


def sh(cmd, **kw):
    return subprocess.run(cmd, check=True, text=True, capture_output=True, **kw).stdout


def psql(conn, sql, db=DB):
    return sh([f"{PGBIN}/psql", "-X", "-q", "-t", "-A", "-h", conn["Host"], "-p", conn["Port"], "-U", "postgres", "-d", db, "-c", sql]).strip()


def start_postgres(work):
    script, cluster = os.path.join(ROOT, "eng", "postgres.sh"), os.path.join(work, "pg")
    line = sh(["bash", script, "start", cluster]).strip()
    conn = dict(p.split("=", 1) for p in line.split(";"))
    # Sized like a production server (a quarter of the memory, at most 8 GB) rather than the test clusters' 256 MB, so
    # the million-row table is read from PostgreSQL's own buffers, for the API and for pgbench alike.
    with open("/proc/meminfo") as f:
        total_mb = int(re.search(r"MemTotal:\s+(\d+) kB", f.read()).group(1)) // 1024
    buffers = f"{min(total_mb // 4, 8192)}MB"
    if psql(conn, "SHOW shared_buffers", "postgres") != buffers:
        psql(conn, f"ALTER SYSTEM SET shared_buffers = '{buffers}'", "postgres")
        sh(["bash", script, "stop", cluster])
        line = sh(["bash", script, "start", cluster]).strip()
        conn = dict(p.split("=", 1) for p in line.split(";"))
    return conn, f"{line} (shared_buffers {buffers})"


def build_database(conn, work, api):
    if psql(conn, f"SELECT 1 FROM pg_database WHERE datname = '{DB}'", "postgres") == "1":
        if psql(conn, "SELECT count(*) FROM articles") == "1000000":
            return
        psql(conn, f"DROP DATABASE {DB}", "postgres")
    psql(conn, f"CREATE DATABASE {DB}", "postgres")
    corpus = os.path.join(work, "corpus")
    if not os.path.isdir(os.path.join(corpus, "azure")):
        os.makedirs(corpus, exist_ok=True)
        with tarfile.open(os.path.join(ROOT, "..", "shared", "corpus", "azure.tar.gz")) as t:
            t.extractall(corpus, filter="data")
    env = api_env(conn, cache=False)
    print("importing the azure corpus...", flush=True)
    subprocess.run(["dotnet", api, "import", os.path.join(corpus, "azure")], env=env, check=True, stdout=subprocess.DEVNULL)
    print("growing it to 1,000,000 articles (generate.sql)...", flush=True)
    t0 = time.time()
    sh([f"{PGBIN}/psql", "-X", "-q", "-1", "-h", conn["Host"], "-p", conn["Port"], "-U", "postgres", "-d", DB,
        "-f", os.path.join(os.path.dirname(__file__), "generate.sql")])
    psql(conn, "VACUUM ANALYZE")
    print(psql(conn, "SELECT count(*) || ' articles, ' || (SELECT count(*) FROM related_items) || ' related items' FROM articles"),
          f"({time.time() - t0:.0f} s)", flush=True)


def connection_string(conn):
    # Production settings for an OLTP read API (the README's): statements prepared once per connection (Npgsql
    # auto-prepare), no JIT, and no session reset when a pooled connection is reused (NewsFeed sets no session state).
    return (f"Host={conn['Host']};Port={conn['Port']};Username=postgres;Database={DB};Maximum Pool Size=50;Max Auto Prepare=64;"
            "Options=-c jit=off;No Reset On Close=true")


def api_env(conn, cache):
    env = dict(os.environ)
    env.update({
        "Database__Provider": "Postgres", "ConnectionStrings__NewsFeed": connection_string(conn),
        "Database__SeedSampleData": "false", "ASPNETCORE_URLS": f"http://127.0.0.1:{PORT}",
        "ASPNETCORE_ENVIRONMENT": "Production", "Serilog__MinimumLevel__Default": "Warning",
        "ReadApi__ResponseCacheEnabled": "true" if cache else "false",
        # The import-job poller queries every 2 s; slowed down, the statement log captured for pgbench holds the topic
        # request's statements alone (capture_sql checks).
        "Import__Jobs__PollSeconds": "3600",
    })
    return env


def start_api(conn, api, cache):
    proc = subprocess.Popen(["dotnet", api], env=api_env(conn, cache), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(120):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/health/ready", timeout=5).read()
            return proc
        except OSError:
            time.sleep(0.5)
    proc.kill()
    sys.exit("the API did not start")


def get(path):
    with urllib.request.urlopen(f"http://127.0.0.1:{PORT}{path}", timeout=60) as r:
        return json.load(r)


def wrk(path, duration, connections):
    out = sh(["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", f"http://127.0.0.1:{PORT}{path}"])
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    def ms(text):
        value, unit = re.match(r"([\d.]+)(us|ms|s)", text).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
    mean = ms(re.search(r"Latency\s+(\S+)", out).group(1))
    p99 = ms(re.search(r"99%\s+(\S+)", out).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if non2xx:
        sys.exit(f"{path}: {non2xx.group(1)} error responses")
    return {"rps": rps, "mean_ms": mean, "p99_ms": p99}


def capture_sql(conn, path, work):
    """The statements the API sends for one request, with their parameters inlined, from the server's statement log."""
    log = os.path.join(work, "pg", "postgres.log")
    psql(conn, "ALTER SYSTEM SET log_statement = 'all'", "postgres")
    psql(conn, "SELECT pg_reload_conf()", "postgres")
    time.sleep(1)
    start = os.path.getsize(log)
    get(path)
    time.sleep(1)
    psql(conn, "ALTER SYSTEM RESET log_statement", "postgres")
    psql(conn, "SELECT pg_reload_conf()", "postgres")
    with open(log, encoding="utf-8", errors="replace") as f:
        f.seek(start)
        text = f.read()
    entries = re.split(r"\n(?=\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)", text)
    statements, pending = [], None
    for entry in entries:
        body = re.sub(r"^\S+ \S+ \S+ \[\d+\] ", "", entry)
        m = re.match(r"LOG:\s+(?:execute [^:]*|statement): (.*)", body, re.S)
        if m:
            if pending:
                statements.append(pending)
            pending = [m.group(1).strip(), {}]
            continue
        m = re.match(r"DETAIL:\s+parameters: (.*)", body, re.S)
        if m and pending:
            for name, value in re.findall(r"(\$\d+) = ('(?:[^']|'')*'|NULL)", m.group(1)):
                pending[1][name] = value
    if pending:
        statements.append(pending)
    sql = []
    for text, params in statements:
        if not text.upper().startswith(("SELECT", "EXPLAIN")) or "pg_reload_conf" in text:
            continue
        if "import_jobs" in text:
            sys.exit("the statement log caught the import-job poller, not only the request: run again")
        for name in sorted(params, key=lambda n: -int(n[1:])):
            text = text.replace(name, params[name])
        sql.append(text.rstrip(";") + ";")
    return sql


def pgbench(conn, sql, work, duration, connections):
    script = os.path.join(work, "topic.sql")
    # Prepared and without JIT, like the API's connections, and every statement of the request in one pipeline (one
    # round trip): the database's ceiling for this SQL, whatever round trips the API itself needs.
    with open(script, "w") as f:
        f.write("\\startpipeline\n" + "\n".join(sql) + "\n\\endpipeline\n")
    out = sh([f"{PGBIN}/pgbench", "-n", "-M", "prepared", "-f", script, f"-c{connections}", "-j2", f"-T{duration}",
              "-h", conn["Host"], "-p", conn["Port"], "-U", "postgres", DB], env={**os.environ, "PGOPTIONS": "-c jit=off"})
    return float(re.search(r"tps = ([\d.]+)", out).group(1)), script


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--work", default="/tmp/newsfeed-bench")
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3, help="turns of the compared requests (topic vs pgbench, search vs first page)")
    parser.add_argument("--warmup", type=int, default=10, help="seconds of unmeasured load per request first (JIT tiering, caches)")
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)

    subprocess.run(["dotnet", "build", os.path.join(ROOT, "src", "NewsFeed.Api"), "-c", "Release", "-v", "q", "-nologo"],
                   check=True, stdout=subprocess.DEVNULL)
    api = os.path.join(ROOT, "src", "NewsFeed.Api", "bin", "Release", "net10.0", "NewsFeed.Api.dll")
    conn, line = start_postgres(args.work)
    print("PostgreSQL:", line, flush=True)
    build_database(conn, args.work, api)

    topic = "/articles?topic=" + urllib.parse.quote(TOPIC)
    search = "/articles?q=" + urllib.parse.quote(SEARCH)
    results, rounds = {}, []
    for cache in (False, True):
        proc = start_api(conn, api, cache)
        try:
            slug = get("/articles?pageSize=1&fields=slug")["items"][0]["slug"]
            cursor = get("/articles?page=4999")["nextCursor"]
            requests = {
                "first page": "/articles",
                f"topic={TOPIC}": topic,
                "page=5000": "/articles?page=5000",
                "cursor at page 5000": "/articles?cursor=" + urllib.parse.quote(cursor),
                f"q={SEARCH}": search,
                "one record by slug": "/articles/" + slug,
            }
            assert get("/articles?page=5000")["items"] == get(requests["cursor at page 5000"])["items"], "page and cursor disagree"
            if not cache:
                sql = capture_sql(conn, topic, args.work)
            for name, path in requests.items():
                # Unmeasured load first: the runtime keeps recompiling hot code (tiered JIT) for tens of seconds after
                # start, and the measurement is of the steady state. With the cache on, this also fills it.
                wrk(path, args.warmup, args.connections)
                results[(name, cache)] = wrk(path, args.duration, args.connections)
            if not cache:
                # The two pairs the targets compare, each side in turns (the uncached topic request and pgbench with its
                # SQL; the first page and the search): a change in the shared machine's speed, or one stall in a p99,
                # hits a round, not the result, which is the median of the rounds' ratios.
                for _ in range(args.rounds):
                    api_rps = wrk(topic, args.duration, args.connections)["rps"]
                    tps, script = pgbench(conn, sql, args.work, args.duration, args.connections)
                    first_p99 = wrk(requests["first page"], args.duration, args.connections)["p99_ms"]
                    search_p99 = wrk(search, args.duration, args.connections)["p99_ms"]
                    rounds.append((api_rps, tps, first_p99, search_p99))
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=30)

    print(f"\nwrk -t2 -c{args.connections} -d{args.duration}s on loopback, 1,000,000 articles, PostgreSQL 15, Release build")
    print(f"{'request':26} {'uncached rps':>12} {'mean ms':>8} {'p99 ms':>8} {'cached rps':>11} {'mean ms':>8} {'p99 ms':>8}")
    for name in dict.fromkeys(n for n, _ in results):
        u, c = results[(name, False)], results[(name, True)]
        print(f"{name:26} {u['rps']:12.0f} {u['mean_ms']:8.2f} {u['p99_ms']:8.2f} {c['rps']:11.0f} {c['mean_ms']:8.2f} {c['p99_ms']:8.2f}")
    print(f"\nin turns, uncached: the topic request vs pgbench -M prepared -c{args.connections} -j2 -T{args.duration} with its "
          f"{len(sql)} statements in one pipeline ({script}), and the search's p99 vs the first page's:")
    for i, (api_rps, tps, first_p99, search_p99) in enumerate(rounds, 1):
        print(f"  round {i}: API {api_rps:.0f} rps / pgbench {tps:.0f} tps = {api_rps / tps:.2f}; "
              f"search p99 {search_p99:.1f} ms / first page p99 {first_p99:.1f} ms = {search_p99 / first_p99:.2f}")
    topic_ratio = statistics.median(r[0] / r[1] for r in rounds)
    search_ratio = statistics.median(r[3] / r[2] for r in rounds)

    first, cursor, top = (results[(n, False)] for n in ("first page", "cursor at page 5000", f"topic={TOPIC}"))
    cached_top = results[(f"topic={TOPIC}", True)]
    cached_first = results[("first page", True)]
    ratios = [
        ("cursor at depth 5,000 mean latency / first page", cursor["mean_ms"] / first["mean_ms"], "<= 1.5"),
        ("API uncached topic rps / pgbench tps (median)", topic_ratio, ">= 0.5"),
        ("cached / uncached rps, topic query", cached_top["rps"] / top["rps"], ">= 5"),
        ("cached / uncached rps, first page", cached_first["rps"] / first["rps"], ">= 5"),
        ("search p99 / first page p99 (uncached, median)", search_ratio, "<= 10"),
    ]
    print("\nratios (target):")
    for name, value, target in ratios:
        op, bound = target.split()
        ok = value <= float(bound) if op == "<=" else value >= float(bound)
        print(f"  {name:50} {value:7.2f}  ({target}) {'met' if ok else 'NOT met'}")


if __name__ == "__main__":
    main()
