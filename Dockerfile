# syntax=docker/dockerfile:1
# Kilobyte Arena: one image for every app node (README "Operations"). Not built in CI here: this
# machine cannot reach Docker Hub, so the file is checked by review and by running the same
# steps outside Docker (see the README).

ARG NODE_IMAGE=node:20-slim

# --- deps: every dependency (the build needs TypeScript, Next's compiler and Prisma's CLI) ---
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
# No install scripts: prisma's would download native engines this app does not use (it runs
# on the Wasm query compiler and migrates through @prisma/schema-engine-wasm); the client is
# generated explicitly below.
RUN npm ci --ignore-scripts --no-audit --no-fund

# --- build: generate the Prisma client, build Next, then drop dev dependencies ---
FROM deps AS build
COPY . .
RUN npx prisma generate \
 && npx next build \
 && rm -rf .next/cache \
 && npm prune --omit=dev --ignore-scripts --no-audit --no-fund

# --- runtime: the custom server (Next + Socket.IO on one port), as an unprivileged user ---
FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    HOST=0.0.0.0 \
    DATA_DIR=/data
# The server runs TypeScript through tsx (a runtime dependency), so it needs its sources,
# tsconfig.json (path aliases), the generated Prisma client and the migrations it applies at start;
# Next needs only its build (app/ is compiled into .next) and public/ (also the baseline model).
COPY --from=build --chown=node:node /app/package.json /app/package-lock.json /app/tsconfig.json /app/next.config.mjs ./
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/.next ./.next
COPY --from=build --chown=node:node /app/public ./public
COPY --from=build --chown=node:node /app/generated ./generated
COPY --from=build --chown=node:node /app/prisma ./prisma
COPY --from=build --chown=node:node /app/lib ./lib
COPY --from=build --chown=node:node /app/server ./server
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
# node:20-slim has neither curl nor wget; Node's own fetch does the probe. 503 (a required part
# down) or no answer in 4 s marks the container unhealthy. The first start migrates and seeds.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health',{signal:AbortSignal.timeout(4000)}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Not `npm start`: that would rebuild when it sees sources newer than .next (server/start.ts),
# and npm would sit between the signal and the server. SIGTERM reaches server/index.ts, which
# closes rooms' sockets and the database before exiting.
CMD ["node", "--import", "tsx", "server/index.ts"]
