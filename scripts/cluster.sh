#!/usr/bin/env bash
# A multi-process Pixport on one machine, the shape docker/compose.yaml deploys: N `serve` + M `worker`
# processes on one MariaDB, blobs in an S3-compatible server (s3rver) on 127.0.0.1, nginx in front.
#   scripts/cluster.sh start            starts everything on a fresh database; prints the load balancer's URL
#   scripts/cluster.sh stop             stops everything it started (by pid), keeps the logs
#   scripts/cluster.sh restart NAME     starts one process again (serve-1, worker-2, …) with the same settings
#   scripts/cluster.sh status           one line per process
# Settings (environment): PIXPORT_CLUSTER_DIR (/tmp/pixport-cluster), CLUSTER_PORT (8080: nginx; serve-i
# listens on CLUSTER_PORT+i, s3rver on CLUSTER_PORT+50), CLUSTER_SERVES (2), CLUSTER_WORKERS (2),
# CLUSTER_DATABASE_URL (an existing, empty database; else a MariaDB is started on CLUSTER_MARIADB_PORT, 3327),
# PIXPORT_CLUSTER_BUILT=1 (run hub/dist instead of the sources through tsx), CLUSTER_BLOB_STORE=local (a shared
# blob directory instead of s3rver, to compare). Any other hub variable set
# in the environment (TASK_LOCK_SECONDS, RATE_LIMIT_SCALE, …) reaches every process.
# Needs nginx (`apt-get install -y nginx`) and Node ≥ 22 (scripts/use-node.sh puts 24 on PATH).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir=${PIXPORT_CLUSTER_DIR:-/tmp/pixport-cluster}
cmd=${1:-start}

log() { echo "cluster: $*" >&2; }
pid_alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

ensure_node() {
  local major
  major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
  if [ "$major" -lt 22 ]; then
    # shellcheck source=use-node.sh
    source "$root/scripts/use-node.sh" 24 >/dev/null 2>&1 || { log "Node ≥ 22 is needed (scripts/use-node.sh)"; exit 1; }
  fi
}

# One hub process in the background; settings from $dir/env, output to logs/NAME.log.
start_hub() {
  local name=$1 role=${1%-*} index=${1##*-}
  # shellcheck disable=SC1091
  set -a; source "$dir/env"; set +a
  local port=0
  [ "$role" = serve ] && port=$((CLUSTER_PORT + index))
  local entry=(--import tsx "$root/hub/src/main.ts")
  [ "${PIXPORT_CLUSTER_BUILT:-0}" = 1 ] && entry=("$root/hub/dist/main.js")
  (
    cd "$root"
    # Blobs in s3rver (default), or CLUSTER_BLOB_STORE=local: one directory all processes share (benchmarks).
    local data="$dir/data/$name"
    [ "$BLOB_STORE" = local ] && data="$dir/data/shared"
    export PORT=$port HOST=127.0.0.1 DATA_DIR="$data" TSX_TSCONFIG_PATH="$root/tsconfig.check.json"
    exec node "${entry[@]}" "$role" >>"$dir/logs/$name.log" 2>&1
  ) &
  echo $! >"$dir/pids/$name.pid"
}

wait_ready() { # name, timeout seconds
  local name=$1 deadline=$((SECONDS + $2)) role=${1%-*} index=${1##*-}
  while [ $SECONDS -lt $deadline ]; do
    pid_alive "$dir/pids/$name.pid" || { log "$name exited:"; tail -n 20 "$dir/logs/$name.log" >&2; return 1; }
    if [ "$role" = serve ]; then
      curl -fsS -o /dev/null "http://127.0.0.1:$((CLUSTER_PORT + index))/readyz" 2>/dev/null && return 0
    else
      grep -q '"pixport hub started"' "$dir/logs/$name.log" 2>/dev/null && return 0
    fi
    sleep 0.3
  done
  log "$name not ready after $2 s"; tail -n 20 "$dir/logs/$name.log" >&2; return 1
}

stop_pid() { # pid file: TERM, then KILL after 10 s
  local file=$1 pid
  [ -f "$file" ] || return 0
  pid=$(cat "$file")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$file"
}

write_nginx_conf() {
  local upstreams="" i user_line=""
  for i in $(seq 1 "$CLUSTER_SERVES"); do
    upstreams+="    server 127.0.0.1:$((CLUSTER_PORT + i)) max_fails=1 fail_timeout=2s;"$'\n'
  done
  # Run as root (CI containers), nginx's workers would switch to nobody, who cannot write the temp dirs.
  [ "$(id -u)" = 0 ] && user_line="user root;"
  cat >"$dir/nginx.conf" <<EOF
$user_line
worker_processes 1;
daemon on;
pid $dir/nginx.pid;
error_log $dir/logs/nginx-error.log warn;
events { worker_connections 1024; }
http {
  access_log $dir/logs/nginx-access.log;
  client_body_temp_path $dir/nginx/body;
  proxy_temp_path $dir/nginx/proxy;
  fastcgi_temp_path $dir/nginx/fastcgi;
  uwsgi_temp_path $dir/nginx/uwsgi;
  scgi_temp_path $dir/nginx/scgi;
  upstream hub {
$upstreams    keepalive 32;
  }
  server {
    listen 127.0.0.1:$CLUSTER_PORT;
    client_max_body_size 200m;
    location / {
      proxy_pass http://hub;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$http_host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
      # Uploads stream through to the hub (no buffering on nginx's disk); a dead process's connection
      # errors are retried on the other one only for requests that are safe to repeat (not POST).
      proxy_request_buffering off;
      proxy_buffering off;
      proxy_next_upstream error timeout http_502 http_503;
      proxy_read_timeout 120s;
      # Which process answered: the cluster tests assert requests really crossed processes.
      add_header X-Upstream \$upstream_addr always;
    }
  }
}
EOF
}

start() {
  ensure_node
  local nginx_bin
  nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
  [ -x "$nginx_bin" ] || { log "nginx is not installed (apt-get install -y nginx)"; exit 1; }
  [ -x "$root/node_modules/s3rver/bin/s3rver.js" ] || [ -f "$root/node_modules/s3rver/bin/s3rver.js" ] ||
    { log "s3rver is missing: run npm ci"; exit 1; }
  if [ -d "$dir/pids" ] && compgen -G "$dir/pids/*.pid" >/dev/null; then stop; fi
  rm -rf "$dir"
  mkdir -p "$dir/logs" "$dir/pids" "$dir/data" "$dir/s3" "$dir/nginx"
  CLUSTER_PORT=${CLUSTER_PORT:-8080}
  CLUSTER_SERVES=${CLUSTER_SERVES:-2}
  CLUSTER_WORKERS=${CLUSTER_WORKERS:-2}
  local s3_port=$((CLUSTER_PORT + 50)) db_url=${CLUSTER_DATABASE_URL:-}

  if [ -z "$db_url" ]; then
    local server
    server=$(PIXPORT_MARIADB_DIR="$dir/mariadb" "$root/scripts/mariadb.sh" start "${CLUSTER_MARIADB_PORT:-3327}")
    echo "$dir/mariadb" >"$dir/own-mariadb"
    db_url="$server/pixport"
  fi

  node "$root/node_modules/s3rver/bin/s3rver.js" -d "$dir/s3" -a 127.0.0.1 -p "$s3_port" \
    --configure-bucket pixport --no-vhost-buckets -s >"$dir/logs/s3rver.log" 2>&1 &
  echo $! >"$dir/pids/s3rver.pid"

  # One secrets key for every process: a credential sealed by one must open in another.
  local secrets_key
  secrets_key=$(node -e 'console.log(require("crypto").randomBytes(32).toString("hex"))')
  cat >"$dir/env" <<EOF
CLUSTER_PORT=$CLUSTER_PORT
CLUSTER_SERVES=$CLUSTER_SERVES
CLUSTER_WORKERS=$CLUSTER_WORKERS
DATABASE_URL=$db_url
BLOB_STORE=${CLUSTER_BLOB_STORE:-s3}
S3_BUCKET=pixport
S3_REGION=us-east-1
S3_ENDPOINT=http://127.0.0.1:$s3_port
S3_FORCE_PATH_STYLE=true
S3_ACCESS_KEY_ID=S3RVER
S3_SECRET_ACCESS_KEY=S3RVER
SECRETS_KEY=$secrets_key
PUBLIC_URL=${PUBLIC_URL:-http://127.0.0.1:$CLUSTER_PORT}
TRUST_PROXY=true
LOG_LEVEL=info
EOF
  chmod 600 "$dir/env"
  for _ in $(seq 1 100); do curl -s -o /dev/null "http://127.0.0.1:$s3_port/" && break; sleep 0.1; done

  # Every hub process at once on the fresh database: the migration lock lets one migrate, the others wait.
  local names=() i
  for i in $(seq 1 "$CLUSTER_SERVES"); do names+=("serve-$i"); done
  for i in $(seq 1 "$CLUSTER_WORKERS"); do names+=("worker-$i"); done
  for name in "${names[@]}"; do start_hub "$name"; done
  for name in "${names[@]}"; do wait_ready "$name" "${CLUSTER_START_TIMEOUT:-180}" || { stop; exit 1; }; done

  write_nginx_conf
  "$nginx_bin" -p "$dir/nginx" -c "$dir/nginx.conf" -e "$dir/logs/nginx-error.log" ||
    { log "nginx did not start"; stop; exit 1; }
  for _ in $(seq 1 50); do curl -fsS -o /dev/null "http://127.0.0.1:$CLUSTER_PORT/readyz" && break; sleep 0.1; done
  log "up: ${names[*]} behind nginx; logs in $dir/logs"
  echo "http://127.0.0.1:$CLUSTER_PORT"
}

stop() {
  [ -d "$dir" ] || return 0
  if pid_alive "$dir/nginx.pid"; then kill -QUIT "$(cat "$dir/nginx.pid")" 2>/dev/null || true; fi
  local file
  for file in "$dir"/pids/serve-*.pid "$dir"/pids/worker-*.pid; do [ -e "$file" ] && stop_pid "$file" & done
  wait
  stop_pid "$dir/pids/s3rver.pid"
  if [ -f "$dir/own-mariadb" ]; then
    PIXPORT_MARIADB_DIR=$(cat "$dir/own-mariadb") "$root/scripts/mariadb.sh" stop >/dev/null 2>&1 || true
    rm -f "$dir/own-mariadb"
  fi
  log "stopped (logs in $dir/logs)"
}

case "$cmd" in
  start) start ;;
  stop) stop ;;
  restart)
    name=${2:?usage: cluster.sh restart serve-N|worker-N}
    [[ "$name" =~ ^(serve|worker)-[0-9]+$ ]] || { log "unknown process $name"; exit 2; }
    ensure_node
    # shellcheck disable=SC1091
    set -a; source "$dir/env"; set +a
    stop_pid "$dir/pids/$name.pid"
    : >"$dir/logs/$name.log.tmp"; cat "$dir/logs/$name.log" >>"$dir/logs/$name.previous.log" 2>/dev/null || true
    mv "$dir/logs/$name.log.tmp" "$dir/logs/$name.log"
    start_hub "$name"
    wait_ready "$name" "${CLUSTER_START_TIMEOUT:-180}"
    ;;
  status)
    for file in "$dir"/pids/*.pid; do
      [ -e "$file" ] || continue
      name=$(basename "$file" .pid)
      if pid_alive "$file"; then echo "$name running (pid $(cat "$file"))"; else echo "$name stopped"; fi
    done
    pid_alive "$dir/nginx.pid" && echo "nginx running (pid $(cat "$dir/nginx.pid"))" || echo "nginx stopped"
    ;;
  *) echo "usage: $0 start|stop|restart NAME|status" >&2; exit 2 ;;
esac
