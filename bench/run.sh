#!/usr/bin/env bash
# make bench: our shop, stock django-oscar 4.2 and a fixed 2 KB Django page, side
# by side, on the same 10,000 products, in one run. Prints one table and writes
# it to bench/results/<timestamp>.md and bench/RESULTS.md.
#
# Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust auth; BENCH_PG to
# change it) and installs the rest: wrk from apt, Whoosh into .venv. Redis
# database 7 takes the queued tasks when Redis is up. Every step is bounded in
# time; the servers it starts are stopped on the way out, whatever happens.
# BENCH_TEN_YEARS=1 adds ten years of a cooperative (bench/tenyears.py: 1,000,000
# orders in a database of its own, kept between runs) and its reports' timings.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PY:-.venv/bin/python}
GUNICORN=${GUNICORN:-$(dirname "$PY")/gunicorn}
PG=${BENCH_PG:-postgres://postgres@127.0.0.1:5432}
PRODUCTS=${BENCH_PRODUCTS:-10000}
PORT_OURS=${BENCH_PORT_OURS:-8701}
PORT_STOCK=${BENCH_PORT_STOCK:-8702}
PORT_CEILING=${BENCH_PORT_CEILING:-8703}
PORT_FRESH=${BENCH_PORT_FRESH:-8704}
OURS=bench.settings
STOCK=bench.stock_oscar.settings
CEILING=bench.ceiling.settings

export BENCH_VAR=${BENCH_VAR:-$PWD/bench/var}
export BENCH_DATABASE_URL=$PG/comptoir_bench
export BENCH_STOCK_DATABASE_URL=$PG/comptoir_bench_stock
export BENCH_REDIS_URL=${BENCH_REDIS_URL-redis://127.0.0.1:6379/7}
export BENCH_PUBLIC_BASE_URL=http://127.0.0.1:$PORT_OURS
export BENCH_DURATION=${BENCH_DURATION:-10}
# Haystack warns on every stock Oscar browse page that Whoosh has no query facets.
export PYTHONWARNINGS="ignore:Whoosh does not handle query faceting"
RUN=$BENCH_VAR/run
STOCK_CACHE=$BENCH_VAR/stock-cache
SERVERS=()
JOBS=()

log() { printf '\n== %s\n' "$*" >&2; }
django() { local settings=$1; shift; DJANGO_SETTINGS_MODULE=$settings "$PY" "$@"; }
flush_redis() {  # the queued tasks, and the page cache in the database after theirs
  [ -n "$BENCH_REDIS_URL" ] || return 0
  "$PY" -c 'import redis, sys
from urllib.parse import urlsplit
url = urlsplit(sys.argv[1])
db = int(url.path.strip("/") or 0)
for n in (db, db + 1):
    redis.Redis.from_url(url._replace(path=f"/{n}").geturl(), socket_timeout=2).flushdb()' \
    "$BENCH_REDIS_URL" 2>/dev/null
}

stop_servers() {
  local pid
  for pid in "${SERVERS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${SERVERS[@]}"; do wait "$pid" 2>/dev/null || true; done
  SERVERS=()
  flush_redis || true
}
stop_jobs() {  # background steps (migration, stock build) left running by an error
  local pid
  for pid in "${JOBS[@]}"; do
    pkill -TERM -P "$pid" 2>/dev/null || true
    kill -TERM "$pid" 2>/dev/null || true
  done
}
trap 'stop_jobs; stop_servers' EXIT
trap 'exit 130' INT TERM

serve() {  # name port settings [VAR=value...]
  local name=$1 port=$2 settings=$3
  shift 3
  if "$PY" -c 'import socket, sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), 1)' \
      "$port" 2>/dev/null; then
    echo "port $port is already in use: set BENCH_PORT_${name^^} to a free one" >&2
    exit 1
  fi
  env "$@" DJANGO_SETTINGS_MODULE="$settings" "$GUNICORN" bench.wsgi:application \
    --bind "127.0.0.1:$port" --workers 2 --worker-class sync --timeout 120 --log-level warning \
    --error-logfile "$BENCH_VAR/gunicorn-$name.log" &
  SERVERS+=("$!")
}

wait_ready() {  # name port
  local _
  for _ in $(seq 120); do
    if "$PY" -c 'import socket, sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), 1)' \
        "$2" 2>/dev/null; then
      return 0
    fi
    sleep 0.5
  done
  echo "$1 did not start on port $2; see $BENCH_VAR/gunicorn-$1.log" >&2
  exit 1
}

log "tools: wrk, Whoosh"
if ! command -v wrk >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
fi
"$PY" -c 'import whoosh' 2>/dev/null || "$PY" -m pip install --quiet 'Whoosh>=2.7,<3'
rm -rf "$RUN"
mkdir -p "$RUN" "$STOCK_CACHE" "$BENCH_VAR/static-ours" "$BENCH_VAR/static-stock"
note=""
if ! flush_redis; then
  note="Redis was unreachable: tasks ran in-process."
  BENCH_REDIS_URL=""
fi

# Stock Oscar's side takes minutes to build (Whoosh indexes about 30 products a
# second here) and only changes with the catalogue, Oscar or its settings: it is
# kept between runs under that fingerprint. Our side is built anew every run.
fingerprint=$({ cat bench/catalogue.py bench/stock_oscar/*.py; echo "$PRODUCTS $PG"
  "$PY" -c 'from importlib.metadata import version as v; print(*map(v, ("django-oscar", "django-haystack", "Whoosh")))'
} | sha256sum | cut -c1-16)
reuse_stock=""
if [ "$(cat "$STOCK_CACHE/fingerprint" 2>/dev/null)" = "$fingerprint" ] \
    && [ -f "$STOCK_CACHE/queries-stock-100.json" ] && [ -d "$BENCH_VAR/whoosh_index" ] \
    && [ "$(django "$STOCK" -m bench.catalogue count 2>/dev/null)" = "$PRODUCTS" ]; then
  reuse_stock=yes
  note="$note Stock Oscar's database and Whoosh index were kept from the run of $(date -r "$STOCK_CACHE/fingerprint" '+%Y-%m-%d %H:%M') (same catalogue and code)."
fi

if [ -n "$reuse_stock" ]; then
  log "databases: comptoir_bench (ours, anew); comptoir_bench_stock and its index kept"
else
  log "databases: comptoir_bench (ours), comptoir_bench_stock (stock Oscar), both anew"
fi
if [ -n "$reuse_stock" ]; then
  postgres=$("$PY" -m bench.pg "$PG" comptoir_bench)
else
  rm -rf "$STOCK_CACHE"/* "$BENCH_VAR/whoosh_index"
  postgres=$("$PY" -m bench.pg "$PG" comptoir_bench comptoir_bench_stock)
fi
"$PY" - "$RUN/meta.json" "$postgres" "$note" <<'PYTHON'
import json, sys
import oscar
load = open("/proc/loadavg").read().split()[:3] if sys.platform == "linux" else ["?"]
json.dump({"postgres": sys.argv[2], "note": sys.argv[3].strip(), "oscar": oscar.get_version(),
           "load_average": " ".join(load)}, open(sys.argv[1], "w"))
PYTHON
django "$OURS" manage.py migrate --noinput >"$BENCH_VAR/migrate-ours.log" 2>&1 &
migrate_ours=$!
JOBS+=("$migrate_ours")
if [ -z "$reuse_stock" ]; then
  django "$STOCK" -m django migrate --noinput >"$BENCH_VAR/migrate-stock.log" 2>&1 \
    || { tail -20 "$BENCH_VAR/migrate-stock.log" >&2; exit 1; }
fi
wait "$migrate_ours" || { tail -20 "$BENCH_VAR/migrate-ours.log" >&2; exit 1; }

log "catalogue of 100 products; SQL queries per page"
django "$OURS" -m bench.catalogue load --upto 100
django "$OURS" -m bench.queries --label 100 --cached --out "$RUN/queries-ours-100.json"
if [ -z "$reuse_stock" ]; then
  django "$STOCK" -m bench.catalogue load --upto 100
  django "$STOCK" -m django rebuild_index --noinput -v0
  django "$STOCK" -m bench.queries --label 100 --out "$STOCK_CACHE/queries-stock-100.json"
fi
cp "$STOCK_CACHE/queries-stock-100.json" "$RUN/"

log "catalogue of $PRODUCTS products; SQL queries per page"
if [ -z "$reuse_stock" ]; then
  log "stock Oscar: loading and indexing $PRODUCTS products with Whoosh (a few minutes, once)"
  {
    django "$STOCK" -m bench.catalogue load --upto "$PRODUCTS" \
      && django "$STOCK" -m django rebuild_index --noinput -v0 --batch-size 2500 \
      && echo "$fingerprint" >"$STOCK_CACHE/fingerprint"
  } &
  stock_build=$!
  JOBS+=("$stock_build")
fi
django "$OURS" -m bench.catalogue load --upto "$PRODUCTS"
django "$OURS" -m bench.queries --label "$PRODUCTS" --cached --out "$RUN/queries-ours-10000.json"
if [ -z "$reuse_stock" ]; then
  wait "$stock_build" || { echo "building stock Oscar's catalogue failed" >&2; exit 1; }
fi
django "$STOCK" -m bench.queries --label "$PRODUCTS" --out "$RUN/queries-stock-10000.json"
django "$OURS" -m bench.catalogue targets >"$RUN/targets-ours.json"
django "$STOCK" -m bench.catalogue targets >"$RUN/targets-stock.json"
sms_path=$("$PY" -c 'import json, sys; print(json.load(open(sys.argv[1]))["sms_inbound"] or "")' \
  "$RUN/targets-ours.json")
if [ -n "$sms_path" ]; then
  django "$OURS" -m bench.sms --path "$sms_path" --out-dir "$RUN"
fi

log "servers: ours :$PORT_OURS (and with nothing cached :$PORT_FRESH), stock Oscar :$PORT_STOCK, ceiling :$PORT_CEILING"
serve ours "$PORT_OURS" "$OURS"
serve fresh "$PORT_FRESH" "$OURS" BENCH_CATALOGUE_CACHE_SECONDS=0
serve stock "$PORT_STOCK" "$STOCK"
serve ceiling "$PORT_CEILING" "$CEILING"
wait_ready ours "$PORT_OURS"
wait_ready fresh "$PORT_FRESH"
wait_ready stock "$PORT_STOCK"
wait_ready ceiling "$PORT_CEILING"

log "load: wrk, ${BENCH_DURATION} s per URL"
"$PY" -m bench.drive --run-dir "$RUN" \
  --ours "$PORT_OURS" --ours-fresh "$PORT_FRESH" --stock "$PORT_STOCK" --ceiling "$PORT_CEILING"
stop_servers

log "orders through the pipeline, ${BENCH_DURATION} s"
django "$OURS" -m bench.orders --seconds "$BENCH_DURATION" --out "$RUN/orders.json"
flush_redis || true

if [ -n "$BENCH_REDIS_URL" ]; then
  log "two web servers and two workers on one PostgreSQL and one Redis"
  timeout 600 env DJANGO_SETTINGS_MODULE="$OURS" "$PY" -m bench.cluster --out "$RUN/cluster.json" \
    || echo "bench.cluster failed" >&2
  flush_redis || true
fi
# Search at scale loads its own products (100,000 take minutes): BENCH_SEARCH_PRODUCTS=100000.
if [ -n "${BENCH_SEARCH_PRODUCTS:-}" ]; then
  log "search at $BENCH_SEARCH_PRODUCTS products"
  timeout 3600 env DJANGO_SETTINGS_MODULE="$OURS" "$PY" -m bench.search \
    --products "$BENCH_SEARCH_PRODUCTS" --out "$RUN/search.json" || echo "bench.search failed" >&2
fi

log "meal delivery and rental availability at two sizes"
# With 500,000 past deliveries and 20,000 people in the tables (loaded, then rolled back).
timeout 1800 env DJANGO_SETTINGS_MODULE="$OURS" "$PY" manage.py bench_services --history 500000 \
  --json "$RUN/services.json" >"$RUN/services.txt" 2>&1 \
  || echo "bench_services failed (see $RUN/services.txt)" >&2
timeout 600 env DJANGO_SETTINGS_MODULE="$OURS" "$PY" manage.py bench_availability >"$RUN/availability.txt" 2>&1 \
  || echo "bench_availability failed (see $RUN/availability.txt)" >&2

# Ten years of a cooperative (BENCH_TEN_YEARS=1): built once (minutes), then kept under a
# fingerprint; it shows the meal-delivery figures of services.json beside its own.
if [ "${BENCH_TEN_YEARS:-}" = 1 ]; then
  log "ten years of a cooperative"
  timeout 3600 "$PY" -m bench.tenyears --out "$RUN/tenyears.json" || echo "bench.tenyears failed" >&2
fi

log "report"
"$PY" -m bench.report --run-dir "$RUN"
