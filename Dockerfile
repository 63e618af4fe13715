# One image for the api and the worker; docker-compose.yml picks the command.
FROM node:20-bookworm AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build --chown=node:node /app/package.json ./
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
# Uploaded documents live on a volume mounted here; a new volume takes over this ownership.
RUN mkdir -p /data/files && chown node:node /data/files
USER node
EXPOSE 3000
# The api's V8 flags keep it under 250 MB RSS under load (docs/benchmarks.md, "Authenticated request
# path"): a young generation of 2 x 16 MB (V8's default, stated: 8 MB promoted more request objects
# and peaked higher), and no pretenuring, which under thousands of probes a second put short-lived
# request objects straight into old space, where only a full collection frees them. The same flags
# as `npm start` and docker-compose.yml
# (apps/api/src/__tests__/start-command.spec.ts keeps the three alike).
CMD ["node", "--max-semi-space-size=16", "--no-allocation-site-pretenuring", "dist/apps/api/src/main.js"]
