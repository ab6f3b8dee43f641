#!/usr/bin/env bash
# Makes sure PostgreSQL and Redis answer. Uses DATABASE_URL / REDIS_URL when they are reachable;
# otherwise starts the machine's own services, or local binaries with data under .data/, or says
# exactly what to install. Safe to run repeatedly.
set -euo pipefail
cd "$(dirname "$0")/.."

db_url="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/dermrelay}"
redis_url="${REDIS_URL:-redis://127.0.0.1:6379}"
hostport() { # URL -> "host port"
  local rest="${1#*://}"; rest="${rest#*@}"; rest="${rest%%/*}"
  local host="${rest%%:*}" port="${rest##*:}"; [ "$port" = "$rest" ] && port="$2"
  echo "$host $port"
}
listening() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }
wait_for() { for _ in $(seq 1 60); do listening "$1" "$2" && return 0; sleep 0.5; done; return 1; }

read -r pg_host pg_port < <(hostport "$db_url" 5432)
read -r rd_host rd_port < <(hostport "$redis_url" 6379)

if ! listening "$pg_host" "$pg_port"; then
  echo "PostgreSQL is not answering on $pg_host:$pg_port; starting it…"
  if command -v pg_ctlcluster >/dev/null && [ -n "$(ls /etc/postgresql 2>/dev/null)" ]; then
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -1)" main start || true
    wait_for "$pg_host" "$pg_port" || true
  fi
  if ! listening "$pg_host" "$pg_port"; then
    bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
    if [ -n "$bin" ]; then
      data="$PWD/.data/postgres"
      mkdir -p "$data"
      if [ "$(id -u)" = 0 ]; then chown postgres: "$data"; run=(runuser -u postgres --); else run=(); fi
      [ -f "$data/PG_VERSION" ] || "${run[@]}" "$bin/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
      "${run[@]}" "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w -o "-c listen_addresses=$pg_host -p $pg_port -k /tmp" start >/dev/null
    else
      echo "No PostgreSQL found. Install it (Debian: apt-get install -y postgresql) or run: docker compose up -d postgres redis" >&2
      exit 1
    fi
  fi
  wait_for "$pg_host" "$pg_port" || { echo "PostgreSQL did not come up on $pg_host:$pg_port" >&2; exit 1; }
fi

if ! listening "$rd_host" "$rd_port"; then
  echo "Redis is not answering on $rd_host:$rd_port; starting it…"
  if ! command -v redis-server >/dev/null; then
    echo "No redis-server found. Install it (Debian: apt-get install -y redis-server) or run: docker compose up -d postgres redis" >&2
    exit 1
  fi
  mkdir -p .data/redis
  redis-server --daemonize yes --bind "$rd_host" --port "$rd_port" --save "" --appendonly no \
    --dir "$PWD/.data/redis" --logfile "$PWD/.data/redis/redis.log" >/dev/null
  wait_for "$rd_host" "$rd_port" || { echo "Redis did not come up on $rd_host:$rd_port" >&2; exit 1; }
fi
echo "services: postgres $pg_host:$pg_port up, redis $rd_host:$rd_port up"
