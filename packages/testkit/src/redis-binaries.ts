import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

export interface RedisBinaries {
  server: string;
  cli: string;
}

function findOnPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** Absolute paths of redis-server and redis-cli, or one clear error saying how to get them. */
export function redisBinaries(): RedisBinaries {
  const server = findOnPath('redis-server');
  const cli = findOnPath('redis-cli');
  if (!server || !cli) {
    const missing = [server ? undefined : 'redis-server', cli ? undefined : 'redis-cli'].filter(Boolean).join(' and ');
    throw new Error(
      `${missing} not found on PATH: install Redis (e.g. \`apt-get install redis-server\`, which brings both).`,
    );
  }
  return { server, cli };
}
