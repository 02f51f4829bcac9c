#!/bin/sh
# Runs once, when the primary's data folder is created (docker-entrypoint-initdb.d):
# let the `replica` service stream from it with the kbase user's password.
set -e
echo "host replication ${POSTGRES_USER} all scram-sha-256" >> "$PGDATA/pg_hba.conf"
