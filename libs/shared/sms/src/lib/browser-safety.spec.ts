import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

describe('shared-sms library', () => {
  // The console bundles this library for the browser: a Node built-in would break the build only there.
  it('uses no Node built-ins and imports nothing outside its own folder', () => {
    const dir = __dirname;
    const sources = readdirSync(dir).filter((file) => file.endsWith('.ts') && !file.endsWith('.spec.ts'));

    expect(sources.length).toBeGreaterThan(0);
    for (const file of sources) {
      const source = readFileSync(join(dir, file), 'utf8');
      const imports = [...source.matchAll(/from '([^']+)'/g)].map((match) => match[1]);
      expect({ file, external: imports.filter((path) => !path.startsWith('./')) }).toEqual({ file, external: [] });
      expect({ file, nodeGlobals: /\b(Buffer|process|require)\b/.test(source) }).toEqual({ file, nodeGlobals: false });
    }
  });
});
