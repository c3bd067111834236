/**
 * The console's security headers. `vite preview` and `vite` send them (vite.config.ts); in production nginx does
 * (nginx.conf), which cannot import this file, so security-headers.spec.ts checks that it sends the same.
 */
type Directives = Record<string, string[]>;

const BUILT: Directives = {
  'default-src': ["'self'"],
  // The build has no inline script or style: index.html loads hashed files from /assets.
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  // The select chevron in fields.css is a data: SVG.
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  // The API and the socket.io websocket are on the console's own origin ('self' covers ws: and wss: to it).
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
  // A signed-in console inside someone else's page is what clickjacking needs.
  'frame-ancestors': ["'none'"],
};

/**
 * The dev server needs what the build does not: @vitejs/plugin-react's inline React Refresh preamble and the
 * <style> elements Vite injects for imported CSS under hot reload (its HMR websocket is on the same origin).
 */
const DEV: Directives = { ...BUILT, 'script-src': ["'self'", "'unsafe-inline'"], 'style-src': ["'self'", "'unsafe-inline'"] };

const serialised = (directives: Directives) =>
  Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');

export const CONSOLE_CSP = serialised(BUILT);
export const CONSOLE_DEV_CSP = serialised(DEV);

/** Over HTTPS only, which is where nginx sends it from in production; browsers ignore it over plain HTTP. */
export const CONSOLE_HSTS = 'max-age=31536000; includeSubDomains';

export function consoleSecurityHeaders(csp: string): Record<string, string> {
  return {
    'Content-Security-Policy': csp,
    // For browsers that predate frame-ancestors.
    'X-Frame-Options': 'DENY',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  };
}
