# One image for the web app and the worker (docker-compose runs it twice with different commands).
FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM deps AS build
COPY . .
ENV NEXT_TELEMETRY_DISABLED=1
RUN node_modules/.bin/next build

FROM node:20-bookworm-slim
WORKDIR /app
# Two malloc arenas: glibc's default (one per thread) ratchets RSS under sharp (lib/photos/sharp-memory.ts).
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 MALLOC_ARENA_MAX=2
# jemalloc for the worker (scripts/worker.sh preloads it when present; see docs/decisions.md "Worker memory").
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends libjemalloc2 && rm -rf /var/lib/apt/lists/*
RUN useradd --system --uid 1001 dermrelay
COPY --from=build --chown=dermrelay /app /app
USER dermrelay
EXPOSE 3000
CMD ["node_modules/.bin/next", "start", "-p", "3000"]
