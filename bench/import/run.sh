#!/usr/bin/env bash
# Import benchmark: NewsFeed's import against the reference pipeline (libyaml + COPY), in the same run, as ratios.
#   [ADVERSARIAL_ONLY=1] bench/import/run.sh [COPIES] [ROUNDS] [ADVERSARIAL]
# 1. unpacks ../shared/corpus/azure.tar.gz (4,958 files) into a scratch folder;
# 2. runs ../shared/bench/reference-import/run.sh on it against a fresh PostgreSQL database;
# 3. imports the same folder with NewsFeed (published as the Dockerfile does: Release, ReadyToRun) into another fresh database, then again (all unchanged);
#    steps 2 and 3 take ROUNDS turns (default 3), and the median of the rounds' ratios counts: the machine's speed
#    drifts between runs, and a turn exposes both sides to the same drift;
# 4. makes a folder of COPIES x 4,958 files (default 10: 49,580, each copy under new names and URLs) and imports it,
#    to show that peak memory does not grow with the number of files;
# 5. adversarial inputs, each timed against ADVERSARIAL (default 4,000) ordinary corpus files in a fresh database:
#    that many files with the same title and date (non-Jekyll names, so all want one slug) and the ordinary files
#    with one punctuation-only topic name each ("!", "#", ... all slugify to "topic"); target: each within 2x.
#    ADVERSARIAL_ONLY=1 runs this step alone (a small ADVERSARIAL makes a quick check).
# Prints each time, the ratios to the reference, and peak memory (max RSS). Needs python3 with PyYAML, psql, bc.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/../.."
root=$PWD
copies=${1:-10}
rounds=${2:-3}
adversarial=${3:-4000}
shared=$(readlink -f "$root/../shared")
work=$(mktemp -d /tmp/newsfeed-bench.XXXXXX)
chmod 755 "$work"
trap 'eng/postgres.sh stop "$work/pg" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

# What ships: the Dockerfile's publish (ReadyToRun for this machine's runtime), so start-up is measured as deployed.
echo "publishing NewsFeed (Release, ReadyToRun)..." >&2
dotnet publish src/NewsFeed.Api -c Release --use-current-runtime --self-contained false -v quiet -nologo -o "$work/app" >&2
bench/import/ready_to_run.py "$work"/app/NewsFeed.*.dll
app="dotnet $work/app/NewsFeed.Api.dll"

eng/postgres.sh ensure-installed
server=$(eng/postgres.sh start "$work/pg")
port=$(sed -E 's/.*Port=([0-9]+).*/\1/' <<<"$server")
psql_opts="-h 127.0.0.1 -p $port -U postgres"
psql $psql_opts -d postgres -qc "CREATE DATABASE copies"

mkdir -p "$work/corpus"
tar xzf "$shared/corpus/azure.tar.gz" -C "$work/corpus"
folder="$work/corpus/azure"

# Seconds of wall time and peak resident memory (KiB) of one command.
measure() {
  local out="$work/time.txt"
  /usr/bin/time -f '%e %M' -o "$out" "$@" >"$work/last.log" 2>&1 || { cat "$work/last.log" >&2; return 1; }
  cat "$out"
}

newsfeed() { # DATABASE ARGS...: the command line to run NewsFeed on that database
  local db=$1; shift
  echo env Database__Provider=Postgres "ConnectionStrings__NewsFeed=$server;Database=$db" DOTNET_ENVIRONMENT=Production $app "$@"
}

ratio() { echo "scale=3; $1 / $2" | bc; }
median() { tr ' ' '\n' <<<"$*" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "making $adversarial ordinary, same-title and punctuation-topic files..." >&2
python3 - "$folder" "$work/adversarial" "$adversarial" <<'PY'
import itertools, os, sys
src, dst, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
names = sorted(os.listdir(src))[:n]
marks = "!#$%&()*+,./:;<=>?@^`|~"
punctuation = itertools.chain.from_iterable(map("".join, itertools.product(marks, repeat=k)) for k in (1, 2, 3))
first = open(os.path.join(src, names[0]), encoding="utf-8").read()
for kind in ("ordinary", "same-title", "punctuation"):
    os.makedirs(os.path.join(dst, kind))
for i, name in enumerate(names):
    text = open(os.path.join(src, name), encoding="utf-8").read()
    open(os.path.join(dst, "ordinary", name), "w", encoding="utf-8").write(text)
    # A file name that is not Jekyll's date-slug form: the slug comes from the (same) date and title.
    same = first.replace('Url: "https://', f'Url: "https://copy{i}.').replace("Url: https://", f"Url: https://copy{i}.")
    open(os.path.join(dst, "same-title", f"same-title-{i:05d}.md"), "w", encoding="utf-8").write(same)
    topic = next(punctuation)
    open(os.path.join(dst, "punctuation", name), "w", encoding="utf-8").write(text.replace("\ntopics:\n", f'\ntopics:\n  - "{topic}"\n', 1))
PY
adversarial_times=()
# The ordinary files twice, the first as a warm-up (a cold page cache and a fresh server would flatter the ratios).
for kind in ordinary ordinary same-title punctuation; do
  db=adversarial_${kind//-/_}${#adversarial_times[@]}
  psql $psql_opts -d postgres -qc "CREATE DATABASE $db"
  $(newsfeed "$db" migrate) >/dev/null
  echo "NewsFeed import of $adversarial $kind files..." >&2
  read -r seconds _ < <(measure $(newsfeed "$db" import "$work/adversarial/$kind"))
  grep -E '^[0-9]+ files' "$work/last.log" >&2
  adversarial_times+=("$seconds")
done
adversarial_times=("${adversarial_times[@]:1}")
adversarial_summary="adversarial, $adversarial files each: ordinary ${adversarial_times[0]}s, same title and date ${adversarial_times[1]}s (ratio $(ratio "${adversarial_times[1]}" "${adversarial_times[0]}")), punctuation-only topics ${adversarial_times[2]}s (ratio $(ratio "${adversarial_times[2]}" "${adversarial_times[0]}"))  (target <= 2)"
echo "$adversarial_summary"
if [[ ${ADVERSARIAL_ONLY:-} == 1 ]]; then exit 0; fi
import_ratios=() reimport_ratios=() first_peaks=()
for round in $(seq "$rounds"); do
  psql $psql_opts -d postgres -qc "CREATE DATABASE reference$round" -c "CREATE DATABASE newsfeed$round"
  echo "round $round: reference pipeline..." >&2
  reference=$("$shared/bench/reference-import/run.sh" "$folder" "$psql_opts -d reference$round" | sed 's/.*=//')
  $(newsfeed "newsfeed$round" migrate) >/dev/null
  echo "round $round: NewsFeed import..." >&2
  read -r first first_rss < <(measure $(newsfeed "newsfeed$round" import "$folder"))
  grep -E '^[0-9]+ files' "$work/last.log" >&2
  echo "round $round: NewsFeed re-import (unchanged)..." >&2
  read -r again again_rss < <(measure $(newsfeed "newsfeed$round" import "$folder"))
  grep -E '^[0-9]+ files' "$work/last.log" >&2
  import_ratios+=("$(ratio "$first" "$reference")") reimport_ratios+=("$(ratio "$again" "$reference")") first_peaks+=("$first_rss")
  echo "round $round: reference ${reference}s, import ${first}s (ratio ${import_ratios[-1]}), re-import ${again}s (ratio ${reimport_ratios[-1]})"
done

echo "making $copies copies of the corpus under new names and URLs..." >&2
python3 - "$folder" "$work/copies" "$copies" <<'PY'
import os, sys
src, dst, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
for i in range(n):
    out = os.path.join(dst, f"copy{i:02d}"); os.makedirs(out)
    for name in os.listdir(src):
        text = open(os.path.join(src, name), encoding="utf-8").read()
        # New URLs make new articles; the host prefix keeps them valid URLs.
        text = text.replace('Url: "https://', f'Url: "https://copy{i}.').replace("Url: https://", f"Url: https://copy{i}.")
        open(os.path.join(out, f"{name[:-3]}-copy{i}.md"), "w", encoding="utf-8").write(text)
PY
$(newsfeed copies migrate) >/dev/null
echo "NewsFeed import of the copies..." >&2
read -r many many_rss < <(measure $(newsfeed copies import "$work/copies"))
grep -E '^[0-9]+ files' "$work/last.log" >&2

echo "import ratio, median of $rounds rounds: $(median "${import_ratios[@]}")  (target <= 0.2)"
echo "re-import ratio, median of $rounds rounds: $(median "${reimport_ratios[@]}")  (target <= 0.05)"
echo "newsfeed_import_${copies}x_seconds=$many  files=$(find "$work/copies" -type f | wc -l)"
echo "peak_memory_kib: 4958 files=$first_rss  $(find "$work/copies" -type f | wc -l) files=$many_rss  ratio=$(ratio "$many_rss" "$first_rss")  (bounded: about 1)"
# The ratio is of the last round's peak; a peak is a transient, so every round's is shown to say how far it moves.
echo "peak_memory_kib of each round's import of the 4958 files: ${first_peaks[*]}"
echo "$adversarial_summary"
