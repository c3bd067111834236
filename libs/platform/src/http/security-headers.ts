import fastifyHelmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AppConfig } from '../config/app-config';

type Directives = Record<string, string[]>;

/**
 * Every API answer is JSON or text for programs, never a page: it needs to load nothing, and must not be framed (a
 * framed, signed-in response is what clickjacking needs).
 */
const API_CSP: Directives = {
  'default-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

/**
 * swagger-ui's page: its own scripts (served under the same prefix), the inline <style> blocks @nestjs/swagger writes
 * into the page, its data: icons, and "Try it out" requests to this API. No inline script: @nestjs/swagger loads its
 * initialiser from swagger-ui-init.js.
 */
const DOCS_CSP: Directives = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

/** A year, subdomains included: sent only in production, where the API is reached over HTTPS (browsers ignore it over HTTP). */
const HSTS = { maxAge: 365 * 24 * 3600, includeSubDomains: true };

const serialised = (directives: Directives) =>
  Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');

function helmetOptions(config: AppConfig, directives: Directives): FastifyHelmetOptions {
  return {
    // Exactly these directives: helmet's defaults are for pages (and add upgrade-insecure-requests, which breaks plain-HTTP installs).
    contentSecurityPolicy: { useDefaults: false, directives },
    // DENY, not helmet's SAMEORIGIN: nothing of ours frames the API either. Browsers without frame-ancestors read this.
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: config.isProduction ? HSTS : false,
  };
}

/**
 * Helmet on every Fastify route: the strict API policy, and a page policy for the OpenAPI docs under `docsPath`.
 * Must run before the docs routes are added, since their policy is attached to them as they are registered.
 */
export async function registerSecurityHeaders(app: NestFastifyApplication, config: AppConfig, docsPath: string): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  await app.register(fastifyHelmet, helmetOptions(config, API_CSP));
  const docs = helmetOptions(config, DOCS_CSP);
  fastify.addHook('onRoute', (route) => {
    if (route.url === docsPath || route.url.startsWith(`${docsPath}/`)) route.config = { ...route.config, helmet: docs } as typeof route.config;
  });
}

/**
 * The same headers for answers written outside Fastify (the carrier webhook endpoint on node:http), computed once:
 * that route is the hot path, and its answers are JSON or XML for carriers, like the API's.
 */
export function plainSecurityHeaders(config: AppConfig): ReadonlyArray<readonly [string, string]> {
  const headers: Array<readonly [string, string]> = [
    ['content-security-policy', serialised(API_CSP)],
    ['x-content-type-options', 'nosniff'],
    ['x-frame-options', 'DENY'],
    ['referrer-policy', 'no-referrer'],
  ];
  if (config.isProduction) headers.push(['strict-transport-security', `max-age=${HSTS.maxAge}; includeSubDomains`]);
  return headers;
}
