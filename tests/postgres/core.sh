#!/usr/bin/env bash
# The core's integration suite again, on a real PostgreSQL server: a throwaway
# cluster that pg_virtualenv starts for this run and drops afterwards (it sets
# PGHOST, PGPORT, PGUSER and PGPASSWORD for the tests). Each test school is a
# database of its own on it (tests/common in assent-core). The tests under
# server_only:: (the two schemas compared, a connection lost halfway) run here only.
#
# Left out here, because they are about the single-PC file itself:
#   store::        creating and opening the file, its header, pragmas and key file
#   encryption::   SQLCipher's encryption of the file and its key file
#   query_plans::  SQLite's query planner
#   upgrade::      a school file from an older version, opened and migrated
set -euo pipefail
cd "$(dirname "$0")/../.."
exec pg_virtualenv -o fsync=off -- env ASSENT_TEST_ENGINE=postgres \
  cargo test -p assent-core --test integration -- \
  --skip store:: --skip encryption:: --skip query_plans:: --skip upgrade:: "$@"
