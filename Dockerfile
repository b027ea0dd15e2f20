# syntax=docker/dockerfile:1

# One image for every Parley role; docker-compose.yml picks the role by command:
#   API        node_modules/.bin/tsx api/server.ts
#   worker     node_modules/.bin/tsx activities/worker.ts
#   console    node web/build/index.js            (env PORT, API_URL)
#   migrations node_modules/.bin/tsx db/migrate.ts (env DATABASE_URL)
# Debian (glibc) rather than Alpine: Temporal's native core-bridge ships no musl build.
ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
# The manifests alone first (and the postinstall patch they run), so a source edit reuses the cached install layer.
COPY package.json package-lock.json ./
COPY scripts/patch-postgres-driver.mjs scripts/
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
COPY . .
# Builds the SvelteKit console with adapter-node into web/build.
RUN npm run build
# Runtime needs only production dependencies: the API and worker run TypeScript through tsx (a
# dependency), and adapter-node has bundled every devDependency the console imports. Pruning drops
# vite, svelte, drizzle-kit, playwright and the npm `node` binary from the image.
RUN npm prune --omit=dev --no-audit --no-fund && rm -rf web/.svelte-kit

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
# Root-owned and run as `node`: the app cannot rewrite its own code. tsx caches in /tmp, which is writable.
COPY --from=build /app ./
# The local storage driver's folder (compose mounts the uploads volume here): a fresh named volume
# takes this folder's owner, so `node` can write uploaded files.
RUN mkdir -p /data/uploads && chown node:node /data/uploads
USER node
# 3000: web console, 3001: API (both overridable through PORT / API_PORT).
EXPOSE 3000 3001
CMD ["node_modules/.bin/tsx", "api/server.ts"]
