#!/usr/bin/env bash
# Starts or stops a throw-away MariaDB on 127.0.0.1 with its data under a temp directory.
#   scripts/mariadb.sh start [PORT]   prints the DATABASE_URL (root, no password) on stdout
#   scripts/mariadb.sh stop [PORT]
# State lives in $PIXPORT_MARIADB_DIR (default /tmp/pixport-mariadb-PORT: one directory per port, so servers
# started on different ports by different runs never find, reuse or stop each other's).
set -euo pipefail
cmd=${1:-start}
port=${2:-3307}
dir=${PIXPORT_MARIADB_DIR:-/tmp/pixport-mariadb-$port}

find_bin() { for b in "$@"; do command -v "$b" >/dev/null 2>&1 && { command -v "$b"; return; }; [ -x "/usr/sbin/$b" ] && { echo "/usr/sbin/$b"; return; }; done; return 1; }

case "$cmd" in
  start)
    server=$(find_bin mariadbd mysqld) || { echo "mariadb-server is not installed (apt-get install mariadb-server)" >&2; exit 1; }
    install_db=$(find_bin mariadb-install-db mysql_install_db)
    client=$(find_bin mariadb mysql)
    if [ -f "$dir/mariadb.pid" ] && kill -0 "$(cat "$dir/mariadb.pid")" 2>/dev/null; then
      echo "mysql://root@127.0.0.1:$(cat "$dir/port")"; exit 0
    fi
    rm -rf "$dir"; mkdir -p "$dir/data"
    "$install_db" --no-defaults --datadir="$dir/data" --user="$(id -un)" --auth-root-authentication-method=normal \
      --skip-test-db >"$dir/install.log" 2>&1
    "$server" --no-defaults --datadir="$dir/data" --socket="$dir/mariadb.sock" --port="$port" \
      --bind-address=127.0.0.1 --pid-file="$dir/mariadb.pid" --user="$(id -un)" \
      --innodb-buffer-pool-size=256M --innodb-flush-log-at-trx-commit=2 --skip-log-bin \
      --max-connections=500 --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
      >"$dir/server.log" 2>&1 &
    for _ in $(seq 1 120); do
      "$client" --no-defaults -uroot --socket="$dir/mariadb.sock" -e 'SELECT 1' >/dev/null 2>&1 && break
      sleep 0.5
    done
    # root over TCP without a password: this server only listens on loopback and lives for one run.
    "$client" --no-defaults -uroot --socket="$dir/mariadb.sock" -e \
      "CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY ''; GRANT ALL ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION; CREATE DATABASE IF NOT EXISTS pixport; FLUSH PRIVILEGES;"
    echo "$port" >"$dir/port"
    echo "mysql://root@127.0.0.1:$port"
    ;;
  stop)
    if [ -f "$dir/mariadb.pid" ]; then
      pid=$(cat "$dir/mariadb.pid"); kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    fi
    rm -rf "$dir"
    ;;
  *) echo "usage: $0 start [PORT] | stop" >&2; exit 2 ;;
esac
