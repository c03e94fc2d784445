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

# The fault tests start a private Azurite of their own from node_modules, also when a shared one already runs.
bash "$ROOT/scripts/azurite.sh" install
if ! bash "$ROOT/scripts/azurite.sh" status >/dev/null 2>&1; then
  bash "$ROOT/scripts/azurite.sh" start
  started_azurite=1
else
  echo "azurite: already running; leaving it running afterwards"
fi

# The browser-view test runs Debian's headless Chromium (tests/Ingest.Functions.Tests/EndToEnd/HeadlessChromium.cs).
if ! command -v chromium >/dev/null 2>&1 && [[ -z "${CHROMIUM:-}" ]]; then
  if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "test: installing chromium (apt-get)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "test: chromium is not installed; the browser-view test will fail (apt-get install -y chromium, or set CHROMIUM)" >&2
  fi
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

dotnet build Ingest.sln -c "$CONFIGURATION"

log="$(mktemp)"
set +e
dotnet test Ingest.sln -c "$CONFIGURATION" --no-build --logger "console;verbosity=normal" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
# One plain closing line over every test project (each prints "Passed: N", "Failed: N", "Skipped: N" summary lines).
awk '/^ *(Passed|Failed|Skipped): +[0-9]+ *$/ { n[$1] += $2 }
     END { printf "tests: %d passed, %d failed, %d skipped\n", n["Passed:"], n["Failed:"], n["Skipped:"] }' "$log"
rm -f "$log"
exit "$status"
