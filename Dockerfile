# syntax=docker/dockerfile:1
# Vigie: multi-stage build on Node 22 (slim), running as the non-root `node` user with data in /data.

FROM node:22-bookworm-slim AS build
# Toolchain for native modules (better-sqlite3) when no prebuilt binary matches.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ ca-certificates \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund \
 && npm rebuild better-sqlite3 esbuild
COPY tsconfig.json ./
COPY scripts ./scripts
COPY src ./src
COPY workers ./workers
COPY web ./web
RUN node scripts/build.mjs \
 && npm prune --omit=dev --ignore-scripts \
 # Production talks to the official Meilisearch image (docker-compose.yml); the npm-packaged binary is for dev.
 && rm -rf node_modules/@gaubee

FROM node:22-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080 \
    VIGIE_DATA_DIR=/data \
    FEEDS_FILE=/app/feeds.yaml
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json feeds.yaml ./
COPY bin ./bin
COPY web ./web
COPY src/db/migrations ./src/db/migrations
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "bin/vigie.js", "serve"]
