#!/usr/bin/env bash
# Runs Baton's benchmarks on SQLite and, when a PostgreSQL URL is given, on PostgreSQL, in one go so
# the figures are comparable (same machine, same build). Usage:
#   bench/run.sh [bench options...]            e.g. bench/run.sh --reps 3 --rows 1000000
#   PG_URL=jdbc:postgresql://127.0.0.1:5432/test PG_USER=root bench/run.sh
# Options are passed to `java -jar target/baton.jar bench` (see bench/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=${JAR:-target/baton.jar}
if [ ! -f "$JAR" ]; then
  mvn -q -B -DskipTests package
fi
JAVA_OPTS=${JAVA_OPTS:-"-Xmx2g"}
echo "== $(date -u +%FT%TZ)  $(nproc) cores  load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== SQLite"
env -u BATON_DB_URL -u BATON_DB_USER -u BATON_DB_PASSWORD java $JAVA_OPTS -jar "$JAR" bench "$@"
if [ -n "${PG_URL:-}" ]; then
  echo "== PostgreSQL"
  BATON_DB_URL="$PG_URL" BATON_DB_USER="${PG_USER:-$USER}" BATON_DB_PASSWORD="${PG_PASSWORD:-}" \
    java $JAVA_OPTS -jar "$JAR" bench "$@"
fi
echo "== done; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
