#!/usr/bin/env bash
# Starts, stops or reports a local Azurite (Azure Storage emulator) for development and tests.
#   scripts/azurite.sh start    install (npm ci) if needed, start in the background, wait for the ports
#   scripts/azurite.sh stop     stop the instance this script started (pid file)
#   scripts/azurite.sh status   exit 0 when the blob, queue and table ports answer
#   scripts/azurite.sh install  npm ci when node_modules/.bin/azurite is missing (the fault tests start private instances)
# Data lives in <repo>/.azurite (git-ignored). Ports: blob 10000, queue 10001, table 10002 on 127.0.0.1.
# "start" exits 0 without starting a second instance when the ports already answer.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="$ROOT/.azurite"
PID_FILE="$DATA/azurite.pid"
LOG_FILE="$DATA/azurite.log"
HOST=127.0.0.1
PORTS=(10000 10001 10002)
START_TIMEOUT_SECONDS="${AZURITE_START_TIMEOUT:-60}"

port_open() {
  # bash's /dev/tcp: no dependency on nc or curl.
  (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null
}

all_ports_open() {
  local p
  for p in "${PORTS[@]}"; do
    port_open "$p" || return 1
  done
}

pid_alive() {
  [[ -f "$PID_FILE" ]] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null
}

install_if_missing() {
  if [[ ! -x "$ROOT/node_modules/.bin/azurite" ]]; then
    echo "azurite: installing from package-lock.json (npm ci)..."
    (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

start() {
  if all_ports_open; then
    echo "azurite: already running on $HOST (ports ${PORTS[*]})"
    return 0
  fi
  if pid_alive; then
    echo "azurite: process $(cat "$PID_FILE") is alive but the ports do not answer; stopping it first"
    stop
  fi
  install_if_missing
  mkdir -p "$DATA"
  # --skipApiVersionCheck: the Azure SDKs send newer x-ms-version values than Azurite knows.
  # --loose: ignore headers Azurite does not support instead of failing the request.
  nohup "$ROOT/node_modules/.bin/azurite" \
    --silent --skipApiVersionCheck --loose \
    --location "$DATA" \
    --blobHost "$HOST" --blobPort "${PORTS[0]}" \
    --queueHost "$HOST" --queuePort "${PORTS[1]}" \
    --tableHost "$HOST" --tablePort "${PORTS[2]}" \
    >"$LOG_FILE" 2>&1 </dev/null &
  echo $! >"$PID_FILE"
  local waited=0
  until all_ports_open; do
    if ! pid_alive; then
      echo "azurite: exited during start-up; log follows" >&2
      cat "$LOG_FILE" >&2 || true
      rm -f "$PID_FILE"
      return 1
    fi
    if (( waited >= START_TIMEOUT_SECONDS * 2 )); then
      echo "azurite: ports ${PORTS[*]} did not answer within ${START_TIMEOUT_SECONDS}s; log follows" >&2
      cat "$LOG_FILE" >&2 || true
      stop
      return 1
    fi
    sleep 0.5
    waited=$((waited + 1))
  done
  echo "azurite: started (pid $(cat "$PID_FILE")) on $HOST, data in $DATA"
}

stop() {
  if [[ ! -f "$PID_FILE" ]]; then
    echo "azurite: no pid file ($PID_FILE); nothing to stop"
    return 0
  fi
  local pid
  pid="$(cat "$PID_FILE")"
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    local i
    for i in $(seq 1 20); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.25
    done
    if kill -0 "$pid" 2>/dev/null; then
      kill -9 "$pid" 2>/dev/null || true
    fi
    echo "azurite: stopped (pid $pid)"
  else
    echo "azurite: process $pid was not running"
  fi
  rm -f "$PID_FILE"
}

status() {
  if all_ports_open; then
    if pid_alive; then
      echo "azurite: running (pid $(cat "$PID_FILE")) on $HOST"
    else
      echo "azurite: ports ${PORTS[*]} answer on $HOST (not started by this script)"
    fi
    return 0
  fi
  echo "azurite: not running"
  return 1
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  install) install_if_missing ;;
  *) echo "usage: $0 start|stop|status|install" >&2; exit 2 ;;
esac
