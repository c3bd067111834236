import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { transformFile } from '@swc/core';

const WEB_DIR = join(__dirname, 'web');

/**
 * The page's files. Its script is TypeScript (type-checked with the rest of the repo) compiled by swc the first time
 * it is asked for, so running the simulator needs no build step; swc is already what runs the TypeScript servers.
 */
export class WebAssets {
  private script$: Promise<string> | undefined;

  html(): string {
    return readFileSync(join(WEB_DIR, 'index.html'), 'utf8');
  }

  css(): string {
    return readFileSync(join(WEB_DIR, 'styles.css'), 'utf8');
  }

  script(): Promise<string> {
    this.script$ ??= transformFile(join(WEB_DIR, 'app.ts'), {
      swcrc: false,
      configFile: false,
      sourceMaps: false,
      jsc: { parser: { syntax: 'typescript' }, target: 'es2020' },
      module: { type: 'es6' },
    }).then((output) => output.code);
    // A failed compile is retried on the next request rather than cached.
    this.script$.catch(() => (this.script$ = undefined));
    return this.script$;
  }
}
