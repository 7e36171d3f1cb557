import type { TrellisApp } from '@trellis/service-kit';
import { serviceTestEnv, startInProcess } from '@trellis/service-kit/testing';
import { buildApp } from '@trellis/session-svc/app';
import { loadConfig } from '@trellis/session-svc/config';

export interface RunningSessions {
  app: TrellisApp;
  url: string;
  close(): Promise<void>;
}

/** A real session-svc in this process on a free loopback port, on the run's test Redis. */
export const startSessionService = (env: Record<string, string> = {}): Promise<RunningSessions> =>
  startInProcess({
    loadConfig,
    buildApp,
    env: serviceTestEnv({ REAPER_INTERVAL_MS: '100', SESSION_MIN_TTL_SECONDS: '1' }, env),
  });

/** A minimal cookie jar for driving a server with fetch like a browser would. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  absorb(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (/expires=Thu, 01 Jan 1970/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }

  set(name: string, value: string): void {
    this.cookies.set(name, value);
  }
}

/** The session id inside an express-session cookie (`s:<id>.<signature>`, URL-encoded). */
export function expressSessionId(cookie: string | undefined): string | undefined {
  if (!cookie) return undefined;
  const match = /^s:([^.]+)\./.exec(decodeURIComponent(cookie));
  return match?.[1];
}
