#!/usr/bin/env python3
"""Query benchmark of the read API on PostgreSQL with 1,000,000 articles (or --articles N).

Builds (once) a database from the azure corpus grown to 1M articles by generate.sql, starts the Release build of the
API twice (response cache off, then on), loads it with wrk on loopback, runs pgbench with the SQL the API sends for
the topic query (captured from the server's statement log), and prints the figures and the ratios the issue names.

    bench/query/run.py [--work DIR] [--duration SECONDS] [--warmup SECONDS] [--rounds N] [--connections N]
                       [--articles N] [--port PORT] [--replica]

--replica measures reads split across the primary and a streaming replica against the primary alone instead.
"""
import argparse, json, os, re, shutil, signal, socket, statistics, subprocess, sys, tarfile, time, urllib.parse, urllib.request

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
PGBIN = "/usr/lib/postgresql/15/bin"
DB = "newsfeed_bench"        # 1,000,000 articles; other sizes get a database of their own (main)
ARTICLES = 1000000
TOPIC = "Security"          # a mid-size topic: 135 of 4,944 azure articles, about 27,000 of the million
SEARCH = "cloud data"       # two common words
PORT = 5399


def sh(cmd, **kw):
    return subprocess.run(cmd, check=True, text=True, capture_output=True, **kw).stdout


def psql(conn, sql, db=None):
    return sh([f"{PGBIN}/psql", "-X", "-q", "-t", "-A", "-h", conn["Host"], "-p", conn["Port"], "-U", "postgres", "-d", db or DB, "-c", sql]).strip()


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
        if psql(conn, "SELECT count(*) FROM articles") == str(ARTICLES):
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
    print(f"growing it to {ARTICLES:,} articles (generate.sql)...", flush=True)
    t0 = time.time()
    sh([f"{PGBIN}/psql", "-X", "-q", "-1", "-h", conn["Host"], "-p", conn["Port"], "-U", "postgres", "-d", DB,
        "-v", f"articles={ARTICLES}", "-f", os.path.join(os.path.dirname(__file__), "generate.sql")])
    psql(conn, "VACUUM ANALYZE")
    print(psql(conn, "SELECT count(*) || ' articles, ' || (SELECT count(*) FROM related_items) || ' related items' FROM articles"),
          f"({time.time() - t0:.0f} s)", flush=True)


def connection_string(conn):
    # Production settings for an OLTP read API (the README's): statements prepared once per connection (Npgsql
    # auto-prepare), no JIT, and no session reset when a pooled connection is reused (NewsFeed sets no session state).
    return (f"Host={conn['Host']};Port={conn['Port']};Username=postgres;Database={DB};Maximum Pool Size=50;Max Auto Prepare=64;"
            "Options=-c jit=off;No Reset On Close=true")


def api_env(conn, cache, port=None, replica=None):
    env = dict(os.environ)
    if replica:
        env["ConnectionStrings__NewsFeedReadOnly__0"] = connection_string(replica)
    env.update({
        "Database__Provider": "Postgres", "ConnectionStrings__NewsFeed": connection_string(conn),
        "Database__SeedSampleData": "false", "ASPNETCORE_URLS": f"http://127.0.0.1:{port or PORT}",
        "ASPNETCORE_ENVIRONMENT": "Production", "Serilog__MinimumLevel__Default": "Warning",
        "ReadApi__ResponseCacheEnabled": "true" if cache else "false",
        # The import-job poller queries every 2 s; slowed down, the statement log captured for pgbench holds the topic
        # request's statements alone (capture_sql checks).
        "Import__Jobs__PollSeconds": "3600",
    })
    return env


def start_api(conn, api, cache, port=None, replica=None):
    proc = subprocess.Popen(["dotnet", api], env=api_env(conn, cache, port, replica), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(120):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port or PORT}/health/ready", timeout=5).read()
            return proc
        except OSError:
            time.sleep(0.5)
    proc.kill()
    sys.exit("the API did not start")


def get(path, port=None):
    with urllib.request.urlopen(f"http://127.0.0.1:{port or PORT}{path}", timeout=60) as r:
        return json.load(r)


def wrk(path, duration, connections):
    return wrk_figures(path, sh(["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", f"http://127.0.0.1:{PORT}{path}"]))


def wrk_figures(path, out):
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    def ms(text):
        # wrk prints latencies in us, ms, s or m (minutes); anything else (e.g. "-nan" when nothing answered) is an error.
        match = re.match(r"([\d.]+)(us|ms|s|m)$", text)
        if not match:
            sys.exit(f"{path}: wrk printed a latency of {text!r}:\n{out}")
        value, unit = match.groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]
    # Line-anchored: "99%" also ends a "+/- Stdev" figure such as 86.99% on the thread-stats lines.
    mean = ms(re.search(r"^\s*Latency\s+(\S+)", out, re.M).group(1))
    p99 = ms(re.search(r"^\s*99%\s+(\S+)", out, re.M).group(1))
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
        # WITH: a page read with its summaries; SET: how a search's statements are planned.
        if not text.upper().startswith(("SELECT", "EXPLAIN", "WITH", "SET")) or "pg_reload_conf" in text:
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


def start_replica(work):
    """A streaming replica of the bench cluster (eng/postgres.sh standby), new each run so it starts from this primary."""
    script, folder = os.path.join(ROOT, "eng", "postgres.sh"), os.path.join(work, "replica")
    sh(["bash", script, "stop", folder])
    shutil.rmtree(folder, ignore_errors=True)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    line = sh(["bash", script, "standby", os.path.join(work, "pg"), folder, str(port)]).strip()
    return dict(p.split("=", 1) for p in line.split(";"))


def catch_up(primary, replica):
    target = psql(primary, "SELECT pg_current_wal_insert_lsn()", "postgres")  # commits are asynchronous here
    for _ in range(1200):
        if psql(replica, f"SELECT pg_last_wal_replay_lsn() >= '{target}'::pg_lsn", "postgres") == "t":
            return
        time.sleep(0.5)
    sys.exit("the replica did not catch up in 10 minutes")


def replica_transactions(replica):
    return int(psql(replica, f"SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = '{DB}'", "postgres"))


def wrk_both(path, duration, connections, ports):
    """Both API instances loaded at once, half the connections each; the sum of their requests per second."""
    procs = [subprocess.Popen(["wrk", "-t1", f"-c{max(connections // 2, 1)}", f"-d{duration}s", "--latency",
                               f"http://127.0.0.1:{port}{path}"], stdout=subprocess.PIPE, text=True) for port in ports]
    outs = [p.communicate()[0] for p in procs]
    if any(p.returncode for p in procs):
        sys.exit(f"wrk failed on {path}")
    return sum(wrk_figures(path, out)["rps"] for out in outs)


def replica_mode(conn, api, args):
    """
    Two API instances, uncached, loaded at once: both reading the primary, then one of them reading a streaming replica
    instead. Everything shares the machine's cores, so on a small machine the point is that it works and what it
    costs, not a speed-up. The replica's own transaction count shows it really served the reads.
    """
    replica = start_replica(args.work)
    try:
        catch_up(conn, replica)
        print(f"replica: {';'.join(f'{k}={v}' for k, v in replica.items())} (pg_basebackup -R, caught up)", flush=True)
        measure_split(conn, api, args, replica)
    finally:
        # The replica is made anew each run, so it is not left running like the kept bench cluster.
        sh(["bash", os.path.join(ROOT, "eng", "postgres.sh"), "stop", os.path.join(args.work, "replica")])


def measure_split(conn, api, args, replica):
    ports = [args.port, args.port + 1]
    setups = {"primary alone": [None, None], "primary + replica": [None, replica]}
    results, served = {}, {}
    for setup, replicas in setups.items():
        procs = [start_api(conn, api, False, port, r) for port, r in zip(ports, replicas)]
        try:
            if replicas[1]:
                ready = json.load(urllib.request.urlopen(f"http://127.0.0.1:{ports[1]}/health/ready", timeout=30))
                assert [c["status"] for c in ready["checks"] if c["name"] == "replicas"] == ["Healthy"], ready
            slug = get("/articles?pageSize=1&fields=slug", ports[0])["items"][0]["slug"]
            requests = {"first page": "/articles", f"topic={TOPIC}": "/articles?topic=" + urllib.parse.quote(TOPIC),
                        "one record by slug": "/articles/" + slug}
            before = replica_transactions(replica)
            for name, path in requests.items():
                wrk_both(path, args.warmup, args.connections, ports)
                results[(name, setup)] = statistics.median(
                    wrk_both(path, args.duration, args.connections, ports) for _ in range(args.rounds))
            served[setup] = replica_transactions(replica) - before
        finally:
            for proc in procs:
                proc.send_signal(signal.SIGTERM)
                proc.wait(timeout=30)

    print(f"\ntwo API instances, uncached, each wrk -t1 -c{max(args.connections // 2, 1)} -d{args.duration}s at once "
          f"(median of {args.rounds}), {ARTICLES:,} articles, PostgreSQL 15, Release build")
    names = list(dict.fromkeys(n for n, _ in results))
    print(f"{'request':26} {'primary alone rps':>18} {'primary + replica rps':>22} {'ratio':>6}")
    for name in names:
        alone, split = results[(name, "primary alone")], results[(name, "primary + replica")]
        print(f"{name:26} {alone:18.0f} {split:22.0f} {split / alone:6.2f}")
    print(f"\ntransactions the replica served: {served['primary alone']} with the primary alone, "
          f"{served['primary + replica']} with one instance reading it")


def main():
    global DB, ARTICLES, PORT
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--work", default="/tmp/newsfeed-bench")
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3, help="turns of the compared requests (topic vs pgbench, search vs first page)")
    parser.add_argument("--warmup", type=int, default=10, help="seconds of unmeasured load per request first (JIT tiering, caches)")
    parser.add_argument("--articles", type=int, default=ARTICLES, help="grow the corpus to this many articles")
    parser.add_argument("--port", type=int, default=PORT, help="the API's port (--replica also uses the next one)")
    parser.add_argument("--replica", action="store_true", help="reads split across the primary and a streaming replica vs the primary alone")
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    if args.articles != ARTICLES:
        DB, ARTICLES = f"{DB}_{args.articles}", args.articles
    PORT = args.port

    subprocess.run(["dotnet", "build", os.path.join(ROOT, "src", "NewsFeed.Api"), "-c", "Release", "-v", "q", "-nologo"],
                   check=True, stdout=subprocess.DEVNULL)
    api = os.path.join(ROOT, "src", "NewsFeed.Api", "bin", "Release", "net10.0", "NewsFeed.Api.dll")
    conn, line = start_postgres(args.work)
    print("PostgreSQL:", line, flush=True)
    build_database(conn, args.work, api)
    if args.replica:
        replica_mode(conn, api, args)
        return

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

    print(f"\nwrk -t2 -c{args.connections} -d{args.duration}s on loopback, {ARTICLES:,} articles, PostgreSQL 15, Release build")
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
    # Issue 13's targets.
    ratios = [
        ("cursor at depth 5,000 mean latency / first page", cursor["mean_ms"] / first["mean_ms"], "<= 1.0"),
        ("API uncached topic rps / pgbench tps (median)", topic_ratio, ">= 0.7"),
        ("cached / uncached rps, topic query", cached_top["rps"] / top["rps"], ">= 10"),
        ("cached / uncached rps, first page", cached_first["rps"] / first["rps"], ">= 10"),
        ("search p99 / first page p99 (uncached, median)", search_ratio, "<= 3"),
    ]
    print("\nratios (target):")
    for name, value, target in ratios:
        op, bound = target.split()
        ok = value <= float(bound) if op == "<=" else value >= float(bound)
        print(f"  {name:50} {value:7.2f}  ({target}) {'met' if ok else 'NOT met'}")


if __name__ == "__main__":
    main()
