# syntax=docker/dockerfile:1
# podlab: build stage compiles TypeScript and the web bundle; runtime stage carries only what runs.

FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY tsconfig*.json ./
COPY bin ./bin
COPY core ./core
COPY server ./server
COPY web ./web
COPY scenarios ./scenarios
RUN npm ci && npm prune --omit=dev

FROM node:20-slim AS runtime
ENV NODE_ENV=production \
    PODLAB_PORT=8080 \
    PODLAB_DATABASE_URL=sqlite:/app/data/podlab.db
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/bin ./bin
COPY --from=build /app/dist ./dist
COPY --from=build /app/scenarios ./scenarios
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 8080
VOLUME ["/app/data"]
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PODLAB_PORT||8080)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "bin/podlab.js", "serve", "--host", "0.0.0.0"]
