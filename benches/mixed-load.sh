#!/usr/bin/env bash
# Readers during ingest: AttributeQuote and GetSpeaker latency on an idle server, then the same
# lookups while CreateArticle calls run beside them (docs/performance.md, "Readers during ingest").
#
#   benches/mixed-load.sh ARTICLES
#
# Needs the store and corpus that `benches/server-load.sh ARTICLES` left in target/perf/ARTICLES/
# (the server rebuilds its index from that store first). Server on core 0, load generators on
# core 1, loopback only; every run is bounded by --duration.
set -euo pipefail

articles=${1:?usage: benches/mixed-load.sh ARTICLES}
port=${SAYWHO_BENCH_PORT:-50074}
out="target/perf/$articles"
bin=target/release/saywho
[ -d "$out/data" ] || { echo "run benches/server-load.sh $articles first" >&2; exit 1; }

cargo build --release --quiet
RUST_LOG=warn TOKIO_WORKER_THREADS=1 taskset -c 0 "$bin" serve --addr "127.0.0.1:$port" --no-seeds \
  --data-dir "$out/data" > "$out/mixed-server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT

bench() { TOKIO_WORKER_THREADS=1 taskset -c 1 "$bin" bench --server "http://127.0.0.1:$port" \
  --server-pid "$server" --corpus "$out/corpus.jsonl" "$@"; }
# wait for the rebuild (health answers once the server listens)
until bench --method health --duration 0.2 --warmup 0 > /dev/null 2>&1; do sleep 1; done

# one call in flight; each method runs 5 s after a 1 s warm-up, health first
lookups() { bench --concurrency 1 --connections 1 --duration 5 --warmup 1 --method attribute-quote,get-speaker "$@"; }
echo "--- lookups, server otherwise idle" | tee "$out/mixed.txt"
lookups | tee -a "$out/mixed.txt"
echo "--- the same lookups while CreateArticle runs with 4 calls in flight" | tee -a "$out/mixed.txt"
# the writer measures health for 14 s, then CreateArticle for 14 s; started 9 s later, the
# lookups' AttributeQuote (15–20 s) and GetSpeaker (21–26 s) fall inside its CreateArticle run
bench --concurrency 4 --connections 1 --duration 14 --warmup 0 --method create-article > "$out/mixed-writer.txt" &
writer=$!
sleep 9
lookups | tee -a "$out/mixed.txt"
wait "$writer"
cat "$out/mixed-writer.txt" | tee -a "$out/mixed.txt"
