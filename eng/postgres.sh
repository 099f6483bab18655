#!/usr/bin/env bash
# Throwaway PostgreSQL clusters for tests/benchmarks (no Docker needed).
#   eng/postgres.sh ensure-installed      install PostgreSQL via apt-get if missing
#   eng/postgres.sh start DIR [PORT]      init+start a cluster in DIR/data; prints ONE line:
#                                         Host=127.0.0.1;Port=PORT;Username=postgres;Database=postgres
#   eng/postgres.sh standby SRC_DIR DIR PORT
#                                         streaming replica of the running cluster in SRC_DIR
#                                         (pg_basebackup -R), started in DIR/data; prints its line
#   eng/postgres.sh stop DIR              fast shutdown; no-op if not running
set -euo pipefail

# Callers capture stdout as the connection string, so everything else goes to stderr.
exec 3>&1 1>&2

PG_USER=newsfeedpg   # unprivileged account used when invoked as root (postgres refuses root)

die() { echo "postgres.sh: $*" >&2; exit 1; }  # >&2: also correct inside $(...)

have_pg() { compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; }

# Highest installed major version that has the binary wins (a newer client-only
# package has no initdb); PATH is the fallback (e.g. non-Debian layouts).
pg_bin() {
  local d
  for d in $(printf '%s\n' /usr/lib/postgresql/*/bin | sort -rV); do
    [[ -x $d/$1 ]] && { echo "$d/$1"; return; }
  done
  command -v "$1" || die "$1 not found (run: eng/postgres.sh ensure-installed)"
}

# Run a postgres binary as the cluster owner. As root, use the data dir's owner
# (or $PG_USER for a new cluster); cd / so the other user never hits an unreadable cwd.
# 3>&- matters: the postmaster would otherwise inherit the caller's stdout pipe and a
# $(eng/postgres.sh start ...) capture would never see EOF.
as_owner() {
  if (( EUID == 0 )); then
    local u=$PG_USER
    [[ -d $DATA ]] && u=$(stat -c %U "$DATA")
    [[ $u == root ]] && u=$PG_USER
    (cd / && runuser -u "$u" -- "$@") 3>&-
  else
    "$@" 3>&-
  fi
}

ensure_installed() {
  have_pg && return 0
  local sudo=()
  if (( EUID != 0 )); then
    command -v sudo >/dev/null || die "PostgreSQL missing and not root (no sudo)"
    sudo=(sudo -n)
  fi
  local log; log=$(mktemp /tmp/postgres-install.XXXXXX.log)
  # policy-rc.d exit 101 stops the package from starting its own cluster service;
  # only create it if absent so we never clobber an existing policy.
  local policy=/usr/sbin/policy-rc.d created_policy=0
  if [[ ! -e $policy ]]; then
    "${sudo[@]}" sh -c "printf '#!/bin/sh\nexit 101\n' > $policy && chmod +x $policy"
    created_policy=1
  fi
  local rc=0
  # Lock timeout: wait for a concurrent apt/dpkg (e.g. another setup step) instead of failing.
  local apt=("${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -q -o DPkg::Lock::Timeout=300)
  { "${apt[@]}" update && "${apt[@]}" install -y --no-install-recommends postgresql; } >"$log" 2>&1 || rc=$?
  (( created_policy )) && "${sudo[@]}" rm -f "$policy"
  if (( rc != 0 )) || ! have_pg; then
    tail -n 30 "$log"; die "apt-get install postgresql failed (full log: $log)"
  fi
  rm -f "$log"
}

port_in_use() {
  if command -v ss >/dev/null; then
    [[ -n $(ss -Htln "sport = :$1") ]]
  else
    (exec 9<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
  fi
}

conn_string() { echo "Host=127.0.0.1;Port=$1;Username=postgres;Database=postgres" >&3; }

# Port of a running cluster: line 4 of postmaster.pid.
running_port() {
  as_owner "$PG_CTL" status -D "$DATA" >/dev/null 2>&1 || return 1
  sed -n 4p "$DATA/postmaster.pid"
}

start() {
  local port=${1:-}
  mkdir -p "$DIR"
  if (( EUID == 0 )); then
    id -u "$PG_USER" >/dev/null 2>&1 ||
      useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$PG_USER"
    [[ -d $DATA ]] || chown "$PG_USER:" "$DIR"
    # Catch e.g. DIR under /root, which the unprivileged user cannot traverse.
    as_owner test -w "$DIR" || die "$PG_USER cannot write $DIR (parent directories not traversable?)"
  fi

  local p
  if p=$(running_port); then
    [[ -n $port && $port != "$p" ]] && echo "postgres.sh: already running on port $p (ignoring requested $port)"
    conn_string "$p"; return 0
  fi

  if [[ ! -f $DATA/PG_VERSION ]]; then
    # C.UTF-8 gives UTF8 + byte-order collation; fall back if the locale is missing.
    local loc=(--locale=C.UTF-8)
    locale -a 2>/dev/null | grep -qiE '^c\.utf-?8$' || loc=(--no-locale)
    as_owner "$INITDB" -D "$DATA" -A trust -U postgres --encoding=UTF8 "${loc[@]}" \
      >"$DIR/initdb.log" 2>&1 || { cat "$DIR/initdb.log"; die "initdb failed"; }
    # Durability is pointless for a throwaway cluster; speed matters. Socket stays inside DIR
    # so parallel clusters / the system cluster never collide on /var/run/postgresql.
    cat >>"$DATA/postgresql.conf" <<EOF

# --- eng/postgres.sh: throwaway test/bench cluster ---
listen_addresses = '127.0.0.1'
unix_socket_directories = '$DIR'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
shared_buffers = 256MB
EOF
  fi

  # Auto-pick: scan upward from 54329; retry on start failure since another process
  # can grab the port between our check and the bind.
  local auto=0 tries=1
  [[ -z $port ]] && { auto=1; port=54329; tries=50; }
  local i
  for (( i = 0; i < tries; i++, port++ )); do
    if (( auto )) && port_in_use "$port"; then continue; fi
    if as_owner "$PG_CTL" start -D "$DATA" -w -t 60 -l "$DIR/postgres.log" -o "-p $port" >/dev/null; then
      local n
      for (( n = 0; n < 60; n++ )); do
        "$PG_ISREADY" -q -h 127.0.0.1 -p "$port" -U postgres && { conn_string "$port"; return 0; }
        sleep 0.5
      done
      die "server started but not accepting connections on port $port (see $DIR/postgres.log)"
    fi
    (( auto )) || break
  done
  tail -n 20 "$DIR/postgres.log" 2>/dev/null || true
  die "could not start PostgreSQL in $DIR (see $DIR/postgres.log)"
}

# A hot standby of the running cluster in SRC_DIR: pg_basebackup -R writes standby.signal and primary_conninfo,
# so the copy starts as a streaming replica. The copied postgresql.conf names SRC_DIR as the socket folder: the
# lines appended here come later, so they win. initdb's pg_hba.conf already trusts replication from 127.0.0.1.
standby() {
  local src_dir=$1 port=$2 src_port
  src_port=$(DATA=$src_dir/data running_port) || die "no cluster running in $src_dir"
  if [[ ! -f $DATA/PG_VERSION ]]; then
    mkdir -p "$DIR"
    # as_owner runs as DATA's owner, and DATA does not exist yet: the source cluster's owner is the one to use.
    (( EUID == 0 )) && chown "$(stat -c %U "$src_dir/data"):" "$DIR"
    DATA=$src_dir/data as_owner "$PG_BASEBACKUP" -D "$DATA" -R -X stream -c fast -h 127.0.0.1 -p "$src_port" -U postgres \
      >"$DIR/basebackup.log" 2>&1 || { cat "$DIR/basebackup.log"; die "pg_basebackup from port $src_port failed"; }
    cat >>"$DATA/postgresql.conf" <<EOF

# --- eng/postgres.sh: streaming replica of $src_dir ---
unix_socket_directories = '$DIR'
hot_standby = on
EOF
  fi
  start "$port"
}

stop() {
  [[ -f $DATA/PG_VERSION ]] || return 0
  running_port >/dev/null || return 0
  as_owner "$PG_CTL" stop -D "$DATA" -m fast -w >/dev/null || true
}

cmd=${1:-}
case $cmd in
  ensure-installed) ensure_installed ;;
  start|stop)
    [[ -n ${2:-} ]] || die "usage: $0 $cmd DIR"
    DIR=$(realpath -m -- "$2"); DATA=$DIR/data   # pg_ctl needs absolute paths
    # Resolved up front: plain assignments make set -e abort if a binary is missing.
    PG_CTL=$(pg_bin pg_ctl); INITDB=$(pg_bin initdb); PG_ISREADY=$(pg_bin pg_isready)
    "$cmd" "${@:3}" ;;
  standby)
    [[ -n ${2:-} && -n ${3:-} && -n ${4:-} ]] || die "usage: $0 standby SRC_DIR DIR PORT"
    DIR=$(realpath -m -- "$3"); DATA=$DIR/data
    PG_CTL=$(pg_bin pg_ctl); INITDB=$(pg_bin initdb); PG_ISREADY=$(pg_bin pg_isready); PG_BASEBACKUP=$(pg_bin pg_basebackup)
    standby "$(realpath -m -- "$2")" "$4" ;;
  *) die "usage: $0 {ensure-installed | start DIR [PORT] | standby SRC_DIR DIR PORT | stop DIR}" ;;
esac
