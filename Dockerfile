# One image for the api, the worker and the carrier simulator (they differ only in their command), and an nginx image
# for the console. The server image runs compiled JavaScript with production dependencies only: TypeScript, the build
# tools, the console's libraries and the browser tests stay in the build stage.
FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM deps AS build
ENV NX_DAEMON=false NX_NO_CLOUD=true
COPY . .
RUN npm run build && npm run console:build

FROM node:20-bookworm-slim AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM node:20-bookworm-slim AS server
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist/apps/api ./dist/apps/api
COPY --from=build /app/dist/apps/worker ./dist/apps/worker
COPY --from=build /app/dist/apps/carrier-sim ./dist/apps/carrier-sim
USER node
EXPOSE 3000
# The one-off commands are compiled too: node dist/apps/api/cli/<db|seed|admin-create|secrets-rotate|demo>.js
CMD ["node", "--enable-source-maps", "dist/apps/api/main.js"]

FROM nginx:1.27-alpine AS console
COPY apps/console/nginx.conf /etc/nginx/conf.d/default.conf
COPY --from=build /app/dist/apps/console /usr/share/nginx/html
EXPOSE 80
