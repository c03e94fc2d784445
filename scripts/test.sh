#!/usr/bin/env bash
# The test command: builds the solution and runs every test project of Ingest.sln.
# Starts Azurite for the storage integration tests (scripts/azurite.sh) and stops it afterwards
# only if this script started it. Exit code = dotnet test's.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
CONFIGURATION="${CONFIGURATION:-Release}"

started_azurite=0
stop_azurite() {
  if [[ "$started_azurite" == 1 ]]; then
    bash "$ROOT/scripts/azurite.sh" stop || true
  fi
}
trap stop_azurite EXIT

if ! bash "$ROOT/scripts/azurite.sh" status >/dev/null 2>&1; then
  bash "$ROOT/scripts/azurite.sh" start
  started_azurite=1
else
  echo "azurite: already running; leaving it running afterwards"
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

dotnet build Ingest.sln -c "$CONFIGURATION"

log="$(mktemp)"
set +e
dotnet test Ingest.sln -c "$CONFIGURATION" --no-build --logger "console;verbosity=normal" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
# One plain closing line over every test project ("Failed: 0, Passed: 62, Skipped: 0, ..." per project).
awk '/(Passed|Failed)! +- +Failed: +[0-9]+, +Passed: +[0-9]+, +Skipped: +[0-9]+/ {
       gsub(",", ""); for (i = 1; i <= NF; i++) {
         if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
     END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
rm -f "$log"
exit "$status"
