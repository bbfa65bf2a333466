#!/usr/bin/env bash
# The load test of citewatch serve: a store of 11,000 checks, then CLIENTS logged-in clients for
# SECONDS, printing requests per second and latency percentiles.
#
#   bench/web-load.sh [CLIENTS] [SECONDS]       (defaults: 50 clients, 30 seconds)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
mvn -q -B -ntp test-compile
CP_FILE=$(mktemp)
mvn -q -B -ntp dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$CP_FILE" >/dev/null
CP=$(cat "$CP_FILE")
rm -f "$CP_FILE"
exec java -Xmx1g -cp "target/test-classes:target/classes:$CP" org.citewatch.web.WebLoadBench "${1:-50}" "${2:-30}"
