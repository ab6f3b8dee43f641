#!/usr/bin/env bash
# Starts the worker with an allocator that gives memory back (lib/photos/sharp-memory.ts):
# jemalloc where the machine has it (sharp's advice for glibc Linux; measured idle RSS ×0.37 of
# glibc's default by `npm run bench:worker-memory`), else glibc limited to two arenas.
set -euo pipefail
cd "$(dirname "$0")/.."
for lib in /usr/lib/x86_64-linux-gnu/libjemalloc.so.2 /usr/lib/aarch64-linux-gnu/libjemalloc.so.2; do
  if [ -f "$lib" ]; then export LD_PRELOAD="$lib${LD_PRELOAD:+:$LD_PRELOAD}"; break; fi
done
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
exec node_modules/.bin/tsx workers/index.ts "$@"
