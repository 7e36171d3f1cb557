import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { RedisClient } from './connection.js';
import { toRedisError } from './errors.js';

/**
 * Shared Lua helpers that scripts pull in with a `--!include <name>.lua` line: first from the
 * package's own `scripts/lib/`, then from redis-core's (now.lua, changelog.lua).
 */
const LIBRARY_DIR = new URL('../src/scripts/lib/', import.meta.url);

export interface ScriptDefinition {
  name: string;
  numberOfKeys: number;
  source: string;
}

/**
 * Resolves the folder holding a package's `.lua` files. Packages keep them in `src/scripts`
 * and ship that folder, so the same path works from `src/*.ts` (tests) and `dist/*.js`.
 */
export function scriptsDir(moduleUrl: string): URL {
  return new URL('../src/scripts/', moduleUrl);
}

function readLibrary(file: string, libraries: URL[]): string {
  for (const dir of libraries) {
    const path = fileURLToPath(new URL(file, dir));
    if (existsSync(path)) return readFileSync(path, 'utf8');
  }
  throw new Error(`--!include ${file}: not found in ${libraries.map((d) => d.pathname).join(', ')}`);
}

function expandIncludes(source: string, seen: Set<string>, libraries: URL[]): string {
  return source.replace(/^--!include ([\w-]+\.lua)\s*$/gm, (_, file: string) => {
    if (seen.has(file)) return `-- (${file} already included)`;
    seen.add(file);
    return expandIncludes(readLibrary(file, libraries), seen, libraries);
  });
}

/**
 * Reads `<dir>/<name>.lua`. Its leading comment block names every key as `KEYS[n] ...`; the
 * highest n is the script's key count, so the header cannot drift from how it is called.
 */
export function loadScript(dir: URL, name: string): ScriptDefinition {
  const raw = readFileSync(fileURLToPath(new URL(`${name}.lua`, dir)), 'utf8');
  const header: string[] = [];
  for (const line of raw.split('\n')) {
    if (!line.startsWith('--')) break;
    header.push(line);
  }
  const keyNumbers = [...header.join('\n').matchAll(/KEYS\[(\d+)\]/g)].map((m) => Number(m[1]));
  const numberOfKeys = keyNumbers.length ? Math.max(...keyNumbers) : 0;
  return { name, numberOfKeys, source: expandIncludes(raw, new Set(), [new URL('lib/', dir), LIBRARY_DIR]) };
}

export type ScriptArg = string | number | Buffer;

/**
 * Typed access to a package's scripts, registered with ioredis `defineCommand` (EVALSHA with a
 * transparent EVAL fallback on NOSCRIPT, on standalone, Sentinel and Cluster alike).
 */
export class ScriptRunner<Name extends string> {
  private readonly definitions = new Map<string, ScriptDefinition & { commandName: string }>();

  constructor(
    private readonly client: RedisClient,
    dir: URL,
    names: readonly Name[],
  ) {
    for (const name of names) {
      const definition = loadScript(dir, name);
      const commandName = `trellis_${name.replace(/-/g, '_')}`;
      this.definitions.set(name, { ...definition, commandName });
      if (!(commandName in client)) {
        client.defineCommand(commandName, { numberOfKeys: definition.numberOfKeys, lua: definition.source });
      }
    }
  }

  async run<T = unknown>(name: Name, keys: readonly string[], args: readonly ScriptArg[] = []): Promise<T> {
    const definition = this.definitions.get(name);
    if (!definition) throw new Error(`script ${name} is not registered`);
    if (keys.length !== definition.numberOfKeys) {
      throw new Error(`script ${name} takes ${definition.numberOfKeys} keys, got ${keys.length}`);
    }
    const command = (this.client as unknown as Record<string, (...a: ScriptArg[]) => Promise<T>>)[definition.commandName];
    try {
      return await command!.call(this.client, ...keys, ...args);
    } catch (error) {
      throw toRedisError(error);
    }
  }
}
