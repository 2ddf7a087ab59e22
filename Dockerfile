# The Baton sync server (and the web host of the app), for IT: see README "Running Baton in production".
# Build stage: every dependency, then `npm run build` (dist/renderer, dist/server).
FROM node:20-bookworm AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# Run stage: production dependencies only, as the unprivileged `node` user.
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    BATON_HOST=0.0.0.0 \
    BATON_PORT=8787 \
    BATON_DATA_DIR=/data/baton \
    BATON_SECRETS_DIR=/data/secrets \
    BATON_STATIC_DIR=/app/dist/renderer
# glibc gives freed request bodies back to the system (sync-server/ops/allocator.ts says why).
ENV MALLOC_ARENA_MAX=1 \
    MALLOC_MMAP_THRESHOLD_=131072
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist/server ./dist/server
COPY --from=build /app/dist/renderer ./dist/renderer
RUN mkdir -p /data/baton /data/secrets && chown -R node:node /data && chmod 700 /data/secrets
USER node
VOLUME ["/data"]
EXPOSE 8787
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.BATON_PORT||8787)+'/api/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "dist/server/main.js"]
