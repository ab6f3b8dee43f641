#!/usr/bin/env bash
# Starts the worker with an allocator that gives memory back (lib/photos/sharp-memory.ts):
# jemalloc where the machine has it (sharp's advice for glibc Linux; measured idle RSS ×0.37 of
# glibc's default by `npm run bench:worker-memory`), else glibc limited to two arenas.
# jemalloc returns freed pages at once from a background thread (MALLOC_CONF below): with its
# default 10 s decay a 40 MP photo's freed buffers were still resident when the next one began,
# peak 423 MB against 292 MB with two 40 MP photos in flight (bench:worker-memory's child, 2 rounds).
set -euo pipefail
cd "$(dirname "$0")/.."
for lib in /usr/lib/x86_64-linux-gnu/libjemalloc.so.2 /usr/lib/aarch64-linux-gnu/libjemalloc.so.2; do
  if [ -f "$lib" ]; then
    export LD_PRELOAD="$lib${LD_PRELOAD:+:$LD_PRELOAD}"
    export MALLOC_CONF="${MALLOC_CONF:-background_thread:true,dirty_decay_ms:0,muzzy_decay_ms:0}"
    break
  fi
done
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
# gc() for lib/photos/heif.ts: a HEIC decode first collects the previous photo's frame, which V8
# (its memory is outside the JS heap) otherwise leaves resident: two 40 MP HEICs 715 → 564 MB peak.
export NODE_OPTIONS="${NODE_OPTIONS:+$NODE_OPTIONS }--expose-gc"
exec node_modules/.bin/tsx workers/index.ts "$@"
