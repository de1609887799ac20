# syntax=docker/dockerfile:1
# Sovra's container image (README "Containers and Kubernetes", docs/decisions/048):
#   docker build -t sovra .
#   docker run sovra web | worker | migrate      (web is the default)
# It needs DATABASE_URL and AUTH_SECRET (and NEXT_SERVER_ACTIONS_ENCRYPTION_KEY when several
# instances or releases serve one site); see compose.yaml and deploy/kubernetes/.

# package.json's engines say Node >= 20.19; the 20 tag is the latest 20.x.
ARG NODE_IMAGE=node:20-bookworm-slim

# ---- deps: the packages, installed from the lockfile ---------------------------------------------
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
# npm ci runs `prisma generate` (postinstall) into lib/generated/prisma: it reads the schema and
# prisma.config.ts, which points the Prisma CLI at the WASM engine stand-in in prisma/engine/.
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma/schema.prisma prisma/schema.prisma
COPY prisma/engine prisma/engine
RUN npm ci --no-audit --no-fund

# ---- build: Next's standalone output and the container entry point -------------------------------
FROM deps AS build
COPY . .
# next.config.ts asks for the standalone output only when SOVRA_STANDALONE=1, so that `npm start`
# and CI keep the ordinary build. No database is needed to build.
ENV SOVRA_STANDALONE=1 NODE_ENV=production
RUN npm run build
# The standalone output runs Next's own server.js; Sovra serves it through lib/runtime/web-server.ts
# (one process per core, the client's address for throttling) and migrates with the WASM engine.
# Neither is traced by Next, and the output has no TypeScript runner: lib/runtime/container.ts is
# bundled with what it imports, except `next` (in the standalone node_modules) and the WASM engine
# (its .wasm file is read from its package, copied below). Code splitting keeps the migration code
# in a file of its own (see container.ts).
RUN node_modules/.bin/esbuild lib/runtime/container.ts --bundle --splitting --format=esm --platform=node --target=node20 \
      --external:next --external:@prisma/schema-engine-wasm --external:pg-native \
      "--banner:js=import { createRequire as sovraCreateRequire } from 'node:module'; const require = sovraCreateRequire(import.meta.url);" \
      --outdir=.next/standalone/container --out-extension:.js=.mjs --log-level=warning

# ---- runtime: Debian slim, Chromium's headless shell, qpdf, fonts, a user of its own --------------
FROM ${NODE_IMAGE} AS runtime
# chromium-headless-shell prints the board report PDFs (lib/runtime/chromium.ts finds
# /usr/lib/chromium/chromium-headless-shell); qpdf joins a large report's parts; Liberation stands in
# for Helvetica and Arial in the PDFs' page headers and footers, DejaVu for characters that Inter
# (served by the app itself) lacks; tini reaps Chromium's orphaned child processes as PID 1.
RUN apt-get update \
 && apt-get install -y --no-install-recommends chromium-headless-shell qpdf fonts-liberation fonts-dejavu-core fontconfig tini \
 && rm -rf /var/lib/apt/lists/*
# A numeric, non-root user, so that Kubernetes' runAsNonRoot can check it; Chromium refuses its
# sandbox to root (README "Chromium's sandbox").
RUN groupadd --system --gid 10001 sovra \
 && useradd --system --uid 10001 --gid sovra --create-home --home-dir /home/sovra --shell /usr/sbin/nologin sovra

WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOME=/home/sovra
# What the standalone output leaves out: the browser's static files and public/, the migrations,
# the WASM schema engine, and all of playwright-core (it reads browsers.json by a path Next's
# tracer cannot follow). The app reads nothing else from disk (fonts and data files are bundled).
# Files stay root's: the app cannot change its own code.
COPY --from=build /app/.next/standalone ./
COPY --from=build /app/.next/static ./.next/static
COPY --from=build /app/public ./public
COPY --from=build /app/prisma/schema.prisma ./prisma/schema.prisma
COPY --from=build /app/prisma/migrations ./prisma/migrations
COPY --from=build /app/node_modules/@prisma/schema-engine-wasm ./node_modules/@prisma/schema-engine-wasm
COPY --from=build /app/node_modules/playwright-core ./node_modules/playwright-core
# Next's own cache is the one place under /app it writes to.
RUN mkdir -p .next/cache && chown 10001:10001 .next/cache

USER 10001:10001
EXPOSE 3000
# /api/health asks the database too: an instance that cannot reach it is reported unhealthy.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--", "node", "/app/container/container.mjs"]
CMD ["web"]
