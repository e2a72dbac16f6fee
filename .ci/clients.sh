#!/usr/bin/env bash
# The client ecosystem, checked with the real tools against a real server:
#   buf lint + buf breaking (.ci/buf.sh), then a release `saywho` on 127.0.0.1:<free port> and
#   grpcurl (clients/grpcurl/check.py), a generated Python client (clients/python/client.py),
#   a Node client (clients/node/client.js), a TypeScript gRPC-Web client generated with buf +
#   protoc-gen-es (clients/web/client.ts) and a gRPC-Web call with `buf curl`.
#
# Tools come from the registries into one throwaway directory (removed on exit): a Python venv
# (clients/python/requirements.txt, clients/grpcurl/requirements.txt) and two npm prefixes
# (clients/node/package.json, clients/web/package.json). Needs only cargo, python3 (with venv +
# pip) and node + npm.
# Every step is bounded with `timeout`; the server is stopped by its PID on any exit.
#
# Env: SAYWHO_BIN=path  use this binary instead of building `cargo build --release`.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
t0=$SECONDS
step() { printf '\n== clients.sh [%3ds] %s\n' "$((SECONDS - t0))" "$*"; }

work=$(mktemp -d "${TMPDIR:-/tmp}/saywho-clients.XXXXXX")
server_pid=
build_pid=
cleanup() {
  if [ -n "$build_pid" ] && kill -0 "$build_pid" 2>/dev/null; then
    kill "$build_pid" 2>/dev/null || true
  fi
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The release build (CPU-bound) runs while the tools download (network-bound).
if [ -z "${SAYWHO_BIN:-}" ]; then
  step "cargo build --release --bin saywho (in the background, log in $work/build.log)"
  timeout 1500 cargo build --release --locked --bin saywho >"$work/build.log" 2>&1 &
  build_pid=$!
fi

step "install Python tools (grpcio-tools, grpcurl) and npm packages (grpc-js, proto-loader, buf) into $work"
python3 -m venv "$work/venv"
py="$work/venv/bin/python"
timeout 600 "$py" -m pip install --disable-pip-version-check --quiet \
  -r clients/python/requirements.txt -r clients/grpcurl/requirements.txt &
pip_pid=$!
mkdir -p "$work/npm"
cp clients/node/package.json "$work/npm/"
timeout 600 npm install --prefix "$work/npm" --no-audit --no-fund --no-package-lock --loglevel=error \
  >/dev/null &
npm_pid=$!
mkdir -p "$work/web"
cp clients/web/package.json clients/web/tsconfig.json clients/web/client.ts "$work/web/"
timeout 600 npm install --prefix "$work/web" --no-audit --no-fund --no-package-lock --loglevel=error \
  >/dev/null &
web_pid=$!
wait "$pip_pid"
wait "$npm_pid"
wait "$web_pid"
grpcurl="$work/venv/bin/grpcurl"
buf="$work/npm/node_modules/.bin/buf"
echo "python: $("$py" -c 'import grpc, grpc_tools, google.protobuf as p; print("grpcio", grpc.__version__, "protobuf", p.__version__)')"
echo "grpcurl: $("$grpcurl" -version 2>&1)"
echo "node: $(node --version) $(cd "$work/npm" && node -p '["@grpc/grpc-js", "@grpc/proto-loader"].map(n => n + " " + require(n + "/package.json").version).join(", ")')"

step "buf lint / buf breaking"
BUF="$buf" .ci/buf.sh

step "generate the Python client code with grpcio-tools"
mkdir -p "$work/gen/python"
"$py" -m grpc_tools.protoc -Iproto --python_out="$work/gen/python" --pyi_out="$work/gen/python" \
  --grpc_python_out="$work/gen/python" proto/saywho/v1/*.proto
echo "$(ls "$work/gen/python/saywho/v1" | wc -l) files in $work/gen/python/saywho/v1"

step "generate the TypeScript client code (buf generate, protoc-gen-es) and compile it (tsc)"
PATH="$work/web/node_modules/.bin:$PATH" "$buf" generate --template clients/web/buf.gen.yaml -o "$work/web"
(cd "$work/web" && timeout 300 node_modules/.bin/tsc -p .)
echo "$(find "$work/web/dist" -name '*.js' | wc -l) JavaScript files in $work/web/dist"

if [ -n "$build_pid" ]; then
  step "wait for cargo build --release"
  if ! wait "$build_pid"; then
    tail -n 50 "$work/build.log"; echo "cargo build --release failed"; exit 1
  fi
  tail -n 1 "$work/build.log"
  SAYWHO_BIN=${CARGO_TARGET_DIR:-$root/target}/release/saywho
fi

step "start $SAYWHO_BIN on 127.0.0.1"
port=$("$py" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
addr=127.0.0.1:$port
extra=()
if "$SAYWHO_BIN" serve --help 2>/dev/null | grep -q -- '--in-memory'; then extra+=(--in-memory); fi
NO_COLOR=1 "$SAYWHO_BIN" serve --addr "$addr" --drain-timeout 2 "${extra[@]}" >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
  if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "server exited early:"; cat "$work/server.log"; exit 1
  fi
  if "$grpcurl" -plaintext -max-time 1 "$addr" grpc.health.v1.Health/Check >/dev/null 2>&1; then break; fi
  sleep 0.2
done
"$grpcurl" -plaintext -max-time 2 "$addr" grpc.health.v1.Health/Check

status=0
run() { # run NAME CMD...: bounded, never aborts the script, remembers a failure
  local name=$1; shift
  step "$name"
  if timeout 120 "$@"; then echo "-- $name: ok"; else echo "-- $name: FAILED (exit $?)"; status=1; fi
}
run "grpcurl (clients/grpcurl/check.py)" "$py" clients/grpcurl/check.py --grpcurl "$grpcurl" --target "$addr"
run "Python client (clients/python/client.py)" \
  env PYTHONPATH="$work/gen/python" "$py" clients/python/client.py --target "$addr"
run "Node client (clients/node/client.js)" \
  env NODE_PATH="$work/npm/node_modules" node clients/node/client.js --target "$addr" --proto-root "$root/proto"
run "TypeScript gRPC-Web client (clients/web/client.ts)" \
  node "$work/web/dist/client.js" --target "$addr"
run "gRPC-Web over HTTP/1.1 (buf curl --protocol grpcweb)" \
  "$buf" curl --schema proto --protocol grpcweb \
  -d '{"page_size": 1}' "http://$addr/saywho.v1.ArticleService/ListArticles"

if [ "$status" -ne 0 ]; then
  echo "server log (last 50 lines):"; tail -n 50 "$work/server.log"
fi
step "done: $([ "$status" -eq 0 ] && echo 'all client checks passed' || echo 'SOME CLIENT CHECKS FAILED')"
exit "$status"
