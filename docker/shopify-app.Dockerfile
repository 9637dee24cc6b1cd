# Pixport for Shopify: the embedded app's server and its built pages (one process; SQLite in /data by default,
# DATABASE_URL=mysql://… for MySQL/MariaDB). Build from the repository root:
#   docker build -f docker/shopify-app.Dockerfile -t pixport-shopify-app .
FROM node:24-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json tsconfig.json tsconfig.base.json tsconfig.check.json ./
COPY shared/package.json shared/
COPY marketplace/package.json marketplace/
COPY hub/package.json hub/
COPY plugins/shopify/package.json plugins/shopify/
RUN npm ci --no-audit --no-fund
COPY shared shared
COPY plugins/shopify plugins/shopify
RUN npx tsc -b plugins/shopify/server && npm run build:web -w plugins/shopify && npm prune --omit=dev

FROM node:24-bookworm-slim
ENV NODE_ENV=production PORT=3100 DATABASE_URL=sqlite:/data/shopify-app.sqlite
RUN apt-get update && apt-get install -y --no-install-recommends tini && rm -rf /var/lib/apt/lists/* \
  && mkdir /data && chown node:node /data
WORKDIR /app
COPY --from=build --chown=node:node /app/package.json /app/
COPY --from=build --chown=node:node /app/node_modules /app/node_modules
COPY --from=build --chown=node:node /app/shared /app/shared
COPY --from=build --chown=node:node /app/plugins/shopify /app/plugins/shopify
USER node
VOLUME /data
EXPOSE 3100
HEALTHCHECK --interval=15s --timeout=3s CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
ENTRYPOINT ["/usr/bin/tini", "--", "node", "plugins/shopify/server/dist/main.js"]
