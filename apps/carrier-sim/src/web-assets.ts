import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const WEB_DIR = join(__dirname, 'web');

/**
 * The page's files. Its script is TypeScript (type-checked with the rest of the repo) compiled by swc the first time
 * it is asked for, so running the simulator needs no build step; swc is already what runs the TypeScript servers.
 * The production build (`nx run carrier-sim:build`) compiles it ahead, next to the compiled code, where swc (a
 * development dependency) is not installed.
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
    const built = join(WEB_DIR, 'app.js');
    this.script$ ??= existsSync(built) ? Promise.resolve(readFileSync(built, 'utf8')) : compile(join(WEB_DIR, 'app.ts'));
    // A failed compile is retried on the next request rather than cached.
    this.script$.catch(() => (this.script$ = undefined));
    return this.script$;
  }
}

async function compile(path: string): Promise<string> {
  const { transformFile } = await import('@swc/core');
  const output = await transformFile(path, {
    swcrc: false,
    configFile: false,
    sourceMaps: false,
    jsc: { parser: { syntax: 'typescript' }, target: 'es2020' },
    module: { type: 'es6' },
  });
  return output.code;
}
