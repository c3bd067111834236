import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONSOLE_CSP, CONSOLE_HSTS, consoleSecurityHeaders } from './security-headers';

/** The `add_header` lines of each `location` block of the production nginx config, header names in lower case. */
function nginxHeadersByLocation(): Map<string, Record<string, string>> {
  const config = readFileSync(join(__dirname, 'nginx.conf'), 'utf8').replace(/#.*$/gm, '');
  const locations = new Map<string, Record<string, string>>();
  for (const [, path, body] of config.matchAll(/location\s+(\S+)\s*\{([^}]*)\}/g)) {
    const headers: Record<string, string> = {};
    for (const [, name, quoted, bare] of body.matchAll(/add_header\s+(\S+)\s+(?:"([^"]*)"|(\S+?))(?:\s+always)?\s*;/g)) headers[name.toLowerCase()] = quoted ?? bare;
    locations.set(path, headers);
  }
  return locations;
}

const lowerCased = (headers: Record<string, string>) => Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));

describe('the console served by nginx in production', () => {
  it('sends the page the same security headers as vite preview, with HSTS', () => {
    // The SPA fallback serves index.html for every console URL: that document is what gets framed or not.
    expect(nginxHeadersByLocation().get('/')).toMatchObject({ ...lowerCased(consoleSecurityHeaders(CONSOLE_CSP)), 'strict-transport-security': CONSOLE_HSTS });
  });

  it('sends nosniff with the scripts and styles, whose location sets headers of its own', () => {
    // nginx drops the server's add_header lines in a location with any of its own, so each location must say it.
    expect(nginxHeadersByLocation().get('/assets/')).toMatchObject({ 'x-content-type-options': 'nosniff' });
  });
});
