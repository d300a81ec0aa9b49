# syntax=docker/dockerfile:1
# The production image, in the same steps test/integration/production-start.test.ts runs (the test cannot run
# Docker here: no daemon, no registry). Build: `docker build -t engagement-bot .`

# 1. Build with dev dependencies (TypeScript to dist/, the dashboard to dist/web), then prune them away.
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build && npm prune --omit=dev

# 2. Run with production dependencies only, as a user without privileges.
FROM node:22-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
RUN mkdir -p /app/data && chown node:node /app/data
USER node
# PORT: the web role; WORKERS_PORT: the workers role's /healthz, /readyz and /metrics.
ENV HOST=0.0.0.0 PORT=3978 WORKERS_PORT=3979 DATA_DIR=/app/data
EXPOSE 3978 3979
# Docker's SIGTERM reaches node directly (exec form): in-flight work finishes up to SHUTDOWN_TIMEOUT_MS.
STOPSIGNAL SIGTERM
ENTRYPOINT ["node", "dist/start.js"]
CMD ["all"]
