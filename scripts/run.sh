#!/usr/bin/env bash
# The main job, end to end on one machine with only the .NET SDK and Node:
#   1. starts Azurite (scripts/azurite.sh start) unless it already answers,
#   2. builds Ingest.LocalHost and the ingest CLI,
#   3. starts Ingest.LocalHost in the background on http://127.0.0.1:7071 (the function classes without Core Tools),
#   4. waits for GET /api/health,
#   5. uploads samples/harbor-bridge.txt (and ../shared/seeds/*.txt when that folder exists) to the ingest container ('articles', or '<prefix>-articles' with StorageOptions__NamePrefix),
#   6. polls GET /api/articles/{id} until the record appears (60 s at most) and prints it,
#      then prints GET /api/articles?entity=Elena Marquez,
#   7. stops the host and the Azurite it started.
#
# Usage: scripts/run.sh [--keep]     --keep leaves the host (and Azurite) running; stop them later with
#        scripts/run.sh --stop       (stops the host that --keep left running, and Azurite if run.sh started it)
# Environment: INGEST_PORT (default 7071). Logs: .run/localhost.log. Exit 0 when the sample article was stored.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUN_DIR="$ROOT/.run"
PORT="${INGEST_PORT:-7071}"
API="http://127.0.0.1:$PORT"
HOST_PID_FILE="$RUN_DIR/localhost.pid"
AZURITE_MARK="$RUN_DIR/azurite.started-by-run"
SAMPLE="$ROOT/samples/harbor-bridge.txt"
SEEDS="$ROOT/../shared/seeds"
CLI_DLL="$ROOT/src/Ingest.Cli/bin/Debug/net10.0/ingest.dll"
HOST_DLL="$ROOT/src/Ingest.LocalHost/bin/Debug/net10.0/Ingest.LocalHost.dll"
KEEP=0

ingest() { dotnet "$CLI_DLL" "$@"; }

stop_all() {
  local stopped=0
  if [[ -f "$HOST_PID_FILE" ]]; then
    local pid; pid="$(cat "$HOST_PID_FILE")"
    if kill -0 "$pid" 2>/dev/null; then
      echo "run: stopping Ingest.LocalHost (pid $pid)"
      stopped=1
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
    rm -f "$HOST_PID_FILE"
  fi
  if [[ -f "$AZURITE_MARK" ]]; then
    rm -f "$AZURITE_MARK"
    bash "$ROOT/scripts/azurite.sh" stop || true
    stopped=1
  fi
  if [[ "$stopped" == 0 ]]; then
    echo "run: nothing to stop (no host left by --keep, no Azurite started by run.sh)"
  fi
}

case "${1:-}" in
  --keep) KEEP=1 ;;
  --stop) stop_all; exit 0 ;;
  "") ;;
  *) echo "usage: scripts/run.sh [--keep|--stop]" >&2; exit 2 ;;
esac

mkdir -p "$RUN_DIR"
if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
  echo "run: something already listens on 127.0.0.1:$PORT (a host left by --keep? scripts/run.sh --stop), or set INGEST_PORT" >&2
  exit 1
fi

if bash "$ROOT/scripts/azurite.sh" status >/dev/null 2>&1; then
  echo "run: Azurite already running; using it"
else
  bash "$ROOT/scripts/azurite.sh" start
  touch "$AZURITE_MARK"
fi

cleanup() {
  local code=$?
  if [[ $KEEP -eq 1 && $code -eq 0 ]]; then
    echo "run: left running (--keep): Ingest.LocalHost at $API (pid $(cat "$HOST_PID_FILE")); stop with scripts/run.sh --stop"
    [[ "$PORT" == 7071 ]] || echo "run: the ingest command finds it with INGEST_PORT=$PORT (or INGEST_API=$API) in its environment"
  else
    stop_all
  fi
  exit $code
}
trap cleanup EXIT

echo "run: building"
dotnet build "$ROOT/src/Ingest.LocalHost/Ingest.LocalHost.csproj" --nologo -v q -clp:ErrorsOnly
dotnet build "$ROOT/src/Ingest.Cli/Ingest.Cli.csproj" --nologo -v q -clp:ErrorsOnly

echo "run: starting Ingest.LocalHost on $API (log: .run/localhost.log)"
LocalHost__Port="$PORT" nohup dotnet "$HOST_DLL" >"$RUN_DIR/localhost.log" 2>&1 </dev/null &
echo $! >"$HOST_PID_FILE"

if ! ingest health --api "$API" --wait 60 >/dev/null; then
  echo "run: the host did not become healthy; last log lines:" >&2
  tail -20 "$RUN_DIR/localhost.log" >&2
  exit 1
fi
echo "run: healthy"

uploads=("$SAMPLE")
if compgen -G "$SEEDS/*.txt" >/dev/null; then
  uploads+=("$SEEDS")
  echo "run: also uploading the seeds in $SEEDS"
fi
ids="$(ingest upload "${uploads[@]}")"
echo "$ids"
# upload prints "<id>\t<container>/<name>"; the container is 'articles' or '<prefix>-articles' (StorageOptions__NamePrefix).
sample_id="$(printf '%s\n' "$ids" | awk -F'\t' '$2 ~ /^[^\/]+\/harbor-bridge\.txt$/ { print $1; exit }')"
if [[ -z "$sample_id" ]]; then
  echo "run: the upload did not print the sample's id (samples/harbor-bridge.txt); its output is above" >&2
  exit 1
fi

echo "run: waiting for article $sample_id (GET /api/articles/$sample_id)"
if ! ingest query article "$sample_id" --api "$API" --wait 60; then
  echo "run: the sample article was not stored; last log lines:" >&2
  tail -20 "$RUN_DIR/localhost.log" >&2
  exit 1
fi

echo "run: GET /api/articles?entity=Elena Marquez"
ingest query articles --entity "Elena Marquez" --api "$API"
echo "run: done"
