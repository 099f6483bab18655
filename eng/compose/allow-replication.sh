#!/usr/bin/env bash
# Runs once, when the postgres image initialises an empty db-data volume (docker-entrypoint-initdb.d): lets the
# replica of the compose "replica" profile stream from this server. The image's own pg_hba.conf line ("host all all
# all") does not cover replication connections, which need a line of their own.
set -euo pipefail
echo "host replication all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
