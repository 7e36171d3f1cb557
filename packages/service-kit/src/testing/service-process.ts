import { type ChildProcessHandle, startProcess } from '@trellis/testkit';

/** A service's built server as its own process, as it runs in production; resolves once it is ready. */
export function startServiceProcess(serverPath: string, env: Record<string, string>, port: number): Promise<ChildProcessHandle> {
  return startProcess({
    command: process.execPath,
    args: [serverPath],
    env: { ...env, PORT: String(port), HOST: '127.0.0.1' },
    readyUrl: `http://127.0.0.1:${port}/readyz`,
  });
}
