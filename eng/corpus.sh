#!/usr/bin/env bash
# The full article corpus, for the tests whose numbers are the whole corpus's (tests/corpus holds a sample).
#   eng/corpus.sh [find]   print the folder the tests will read it from: NEWSFEED_CORPUS, else ../shared/corpus
#                          beside the repository, else the cache below, fetched into the cache first if absent
#   eng/corpus.sh fetch    fetch it into the cache (even if another copy exists) and print the cache folder
# Cache: ${XDG_CACHE_HOME:-~/.cache}/newsfeed/corpus, holding azure/ and powerapps/ (one .md file per article).
# Source: the `_news` folder of two public repositories at pinned commits, fetched blobless, sparse and shallow
# (just that folder at that commit: the azure repository is ~500 MB with its history), and refused unless the
# SHA-256 of its canonical listing (below) is the pinned one. For tests of this script:
#   NEWSFEED_CORPUS_GIT_BASE         base URL of the repositories (default https://github.com/everyday-cc):
#                                    fetched from $BASE/azure.git and $BASE/powerapps.git
#   NEWSFEED_CORPUS_AZURE_COMMIT,    the commits to fetch; the checksums stay pinned, so another commit is
#   NEWSFEED_CORPUS_POWERAPPS_COMMIT only accepted when its `_news` holds exactly the same files
set -euo pipefail

# Callers capture stdout as the folder, so everything else goes to stderr.
exec 3>&1 1>&2

die() { echo "corpus.sh: $*" >&2; exit 1; }

ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
CACHE=${XDG_CACHE_HOME:-$HOME/.cache}/newsfeed/corpus
BASE=${NEWSFEED_CORPUS_GIT_BASE:-https://github.com/everyday-cc}
NAMES=(azure powerapps)
declare -A COMMIT=(
  [azure]=${NEWSFEED_CORPUS_AZURE_COMMIT:-52affd885cae70e20d6b7f1eb55da6b7e07dc265}
  [powerapps]=${NEWSFEED_CORPUS_POWERAPPS_COMMIT:-ce1d6a90d14117f4dd5f02cfadae708e32d2a8be}
)
# SHA-256 of `listing` (below) of each `_news` folder, computed from the shared corpus these commits produced.
declare -A SHA256=(
  [azure]=6ec3277109eb6451b43eaa0c95cce885819d449d6e0d364a959186005d0e3071
  [powerapps]=f48f44596d0b5f230b1c6401f9da57bd363895a4df46021b1fb620ff0fe9825d
)

# The canonical listing of a folder: `sha256sum` of every file but `.keep`, by path in byte order.
listing() {
  (cd "$1" && find . -type f ! -name .keep -printf '%P\0' | LC_ALL=C sort -z | xargs -0 --no-run-if-empty sha256sum)
}

# A folder holds the corpus in either layout the tests read: azure/ + powerapps/, or azure.tar.gz + powerapps.tar.gz.
holds_corpus() {
  local name
  for name in "${NAMES[@]}"; do
    [[ -d $1/$name || -f $1/$name.tar.gz ]] || return 1
  done
}

fetch_one() {  # NAME DEST: `_news` of NAME at its commit, verified, as the folder DEST
  local name=$1 dest=$2 repo=$2.git actual
  echo "Fetching $BASE/$name.git $name:_news at ${COMMIT[$name]}" >&2
  git init -q "$repo"
  git -C "$repo" remote add origin "$BASE/$name.git"
  git -C "$repo" config core.autocrlf false
  git -C "$repo" sparse-checkout set --no-cone /_news/
  git -C "$repo" fetch -q --depth 1 --filter=blob:none origin "${COMMIT[$name]}" \
    || die "$name: could not fetch ${COMMIT[$name]} from $BASE/$name.git"
  git -C "$repo" -c advice.detachedHead=false checkout -q FETCH_HEAD || die "$name: could not check out _news"
  [[ $(git -C "$repo" rev-parse HEAD) == "${COMMIT[$name]}" ]] || die "$name: $BASE/$name.git answered another commit"
  [[ -d $repo/_news ]] || die "$name: no _news folder at ${COMMIT[$name]}"
  actual=$(listing "$repo/_news" | sha256sum | cut -d' ' -f1)
  [[ $actual == "${SHA256[$name]}" ]] \
    || die "$name: _news at ${COMMIT[$name]} does not match the pinned SHA-256 (expected ${SHA256[$name]}, got $actual); nothing was cached"
  mv "$repo/_news" "$dest"
  rm -f "$dest/.keep"
  rm -rf "$repo"
}

fetch() {
  local stage name
  command -v git >/dev/null || die "git is needed to fetch the corpus"
  mkdir -p "$(dirname "$CACHE")"
  # Built beside the cache and renamed into place whole, so the cache only ever holds a verified corpus.
  stage=$(mktemp -d "$CACHE.partial.XXXXXX")
  trap 'rm -rf "$stage"' EXIT
  for name in "${NAMES[@]}"; do fetch_one "$name" "$stage/$name"; done
  rm -rf "$CACHE"
  mv "$stage" "$CACHE"
  trap - EXIT
  echo "$CACHE" >&3
}

find_corpus() {
  local folder
  for folder in ${NEWSFEED_CORPUS:+"$NEWSFEED_CORPUS"} "$ROOT/../shared/corpus" "$CACHE"; do
    if holds_corpus "$folder"; then (cd "$folder" && pwd) >&3; return; fi
  done
  fetch
}

case ${1:-find} in
  find) find_corpus ;;
  fetch) fetch ;;
  *) die "usage: eng/corpus.sh [find|fetch]" ;;
esac
