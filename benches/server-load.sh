#!/usr/bin/env bash
# Reproduces the server figures of docs/performance.md for one corpus size.
#
#   benches/server-load.sh ARTICLES [SEED]
#
# Builds the release binary, writes the synthetic corpus, starts a server on 127.0.0.1 pinned to
# core 0 (one tokio worker), loads the corpus through ImportArticles with the load generator pinned
# to core 1, then measures every method against the health-check floor. Everything stays on the
# loopback interface; every run is bounded (the bench caps each method at 60 s).
# Output: target/perf/<ARTICLES>/*.txt and *.json.
set -euo pipefail

articles=${1:?usage: benches/server-load.sh ARTICLES [SEED]}
seed=${2:-1}
port=${SAYWHO_BENCH_PORT:-50071}
out="target/perf/$articles"
mkdir -p "$out"

cargo build --release --quiet
bin=target/release/saywho
corpus="$out/corpus.jsonl"
[ -s "$corpus" ] || "$bin" corpus --articles "$articles" --seed "$seed" --out "$corpus" 2> "$out/corpus.txt"

# a fresh durable store: ingest is measured with every article committed to disk
rm -rf "$out/data"
log=warn,saywho::cli::serve=info   # the start-up and snapshot lines too
RUST_LOG=$log TOKIO_WORKER_THREADS=1 taskset -c 0 "$bin" serve --addr "127.0.0.1:$port" --no-seeds \
  --data-dir "$out/data" \
  > "$out/server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
sleep 1

bench() { TOKIO_WORKER_THREADS=1 taskset -c 1 "$bin" bench --server "http://127.0.0.1:$port" \
  --server-pid "$server" --corpus "$corpus" "$@"; }

uptime > "$out/uptime.txt"
# 1. Ingest over gRPC (ImportArticles, 2 streams of 1000-article batches).
bench --load "$corpus" --method health --duration 1 --warmup 0 | tee "$out/load.txt"
grep -E 'VmRSS|VmHWM' "/proc/$server/status" | tee "$out/memory.txt"
# 1b. The same ingest with the server free to use both cores (an article's quotes and claims are
# then resolved side by side), into a scratch store that is removed after.
RUST_LOG=warn "$bin" serve --addr "127.0.0.1:$((port + 1))" --no-seeds --data-dir "$out/data-2core" \
  > "$out/server-2core.log" 2>&1 &
wide=$!
sleep 1
"$bin" bench --server "http://127.0.0.1:$((port + 1))" --server-pid "$wide" --corpus "$corpus" \
  --load "$corpus" --method health --duration 1 --warmup 0 | sed -n 1p | tee "$out/load-2core.txt"
kill -INT "$wide"; wait "$wide" || true
rm -rf "$out/data-2core"
# 2. Lookups with 4 calls in flight on one connection; CreateArticle last (it grows the index).
bench --concurrency 4 --connections 1 --duration 5 --warmup 1 \
  --method health,attribute-quote,attribute-quote-full,list-quotes,get-speaker,list-articles,create-article,health --json "$out/c4.json" | tee "$out/c4.txt"
# 3. The floor and the fast lookups with 32 in flight over 2 connections.
bench --concurrency 32 --connections 2 --duration 5 --warmup 1 \
  --method health,attribute-quote,get-speaker --json "$out/c32.json" | tee "$out/c32.txt"
# 4. Lists and searches one call at a time, in the default (basic) view and in the full view.
bench --concurrency 1 --connections 1 --duration 5 --warmup 1 \
  --method health,list-quotes,list-quotes-full,search-quotes,search-quotes-full \
  --json "$out/c1.json" | tee "$out/c1.txt"
uptime >> "$out/uptime.txt"
# Starts the server again on the store a graceful stop left, waits until it listens, and sets
# `took` to the seconds that took: restart LOG [COMMAND PREFIX...] (such as taskset -c 0).
restart() {
  local log_file=$1 started listening
  shift
  rm -f "$out/addr"
  started=$(date +%s.%N)
  RUST_LOG=$log "$@" "$bin" serve --addr "127.0.0.1:$port" --no-seeds --data-dir "$out/data" \
    --addr-file "$out/addr" > "$log_file" 2>&1 &
  server=$!
  until [ -s "$out/addr" ]; do sleep 0.05; done
  listening=$(date +%s.%N)
  took=$(awk -v a="$started" -v b="$listening" 'BEGIN { printf "%.2f", b - a }')
}
# 5. Restart: a graceful stop writes the index snapshot; the next start loads it (no replay).
kill -INT "$server"; wait "$server" || true
restart "$out/restart.log" taskset -c 0
{
  grep -h -o 'index snapshot written.*' "$out/server.log"
  grep -h -o 'index rebuilt.*' "$out/restart.log"
  echo "restart: $took s until listening"
  grep -E 'VmRSS|VmHWM' "/proc/$server/status"
} | tee "$out/restart.txt"
# 5b. The same restart with the server free to use both cores (the snapshot's two sections are
# then decoded, and its quotes loaded, side by side).
kill -INT "$server"; wait "$server" || true
restart "$out/restart-2core.log"
{
  # nothing changed since the restart loaded the snapshot: the stop keeps it
  grep -h -o 'index snapshot \(kept\|written\).*' "$out/restart.log" || true
  echo "restart, both cores: $took s until listening"
  grep -E 'VmRSS|VmHWM' "/proc/$server/status"
} | tee "$out/restart-2core.txt"
