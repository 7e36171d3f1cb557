import { describe, expect, it } from 'vitest';
import { freePort, startProcess, trackedPids, waitFor } from '../src/index.js';
import { pidAlive } from './pid-alive.js';

const HTTP_SERVER = `
const http = require('node:http');
const port = Number(process.env.PORT);
let ready = false;
setTimeout(() => { ready = true; }, 300);
const server = http.createServer((req, res) => { res.statusCode = ready ? 200 : 503; res.end(String(ready)); });
server.listen(port, '127.0.0.1', () => console.log('listening on ' + port));
process.on('SIGTERM', () => { console.log('bye'); server.close(() => process.exit(7)); });
`;

describe('startProcess', () => {
  it('waits for readyUrl to answer 2xx, and stop() resolves the exit code', async () => {
    const port = await freePort();
    const proc = await startProcess({
      command: process.execPath,
      args: ['-e', HTTP_SERVER],
      env: { PORT: String(port) },
      readyUrl: `http://127.0.0.1:${port}/`,
      readyTimeoutMs: 10_000,
    });
    expect(trackedPids()).toContain(proc.pid);
    const res = await fetch(`http://127.0.0.1:${port}/`);
    expect(await res.text()).toBe('true');
    expect(proc.output()).toContain(`listening on ${port}`);

    expect(await proc.stop()).toBe(7);
    expect(await proc.exited).toBe(7);
    expect(proc.output()).toContain('bye');
    expect(pidAlive(proc.pid)).toBe(false);
    expect(trackedPids()).not.toContain(proc.pid);
  });

  it('fails with the output when the process exits before it is ready', async () => {
    await expect(
      startProcess({
        command: process.execPath,
        args: ['-e', 'console.error("cannot start: missing config"); process.exit(3)'],
        readyUrl: 'http://127.0.0.1:1/',
      }),
    ).rejects.toThrow(/exited \(code 3\)[\s\S]*cannot start: missing config/);
  });

  it('fails and kills the process when readyUrl never answers', async () => {
    const before = trackedPids().length;
    await expect(
      startProcess({
        command: process.execPath,
        args: ['-e', 'console.log("idle"); setInterval(() => {}, 1000)'],
        readyUrl: `http://127.0.0.1:${await freePort()}/`,
        readyTimeoutMs: 500,
      }),
    ).rejects.toThrow(/did not answer 2xx within 500 ms[\s\S]*was killed[\s\S]*idle/);
    expect(trackedPids().length).toBe(before);
  });

  it('escalates to SIGKILL after the timeout, and kills grandchildren', async () => {
    const proc = await startProcess({
      command: 'sh',
      args: ['-c', `trap '' TERM; ${process.execPath} -e 'process.on("SIGTERM",()=>{});console.log("child "+process.pid);setInterval(()=>{},1000)' & wait`],
    });
    await new Promise((r) => setTimeout(r, 300));
    const grandchild = Number(/child (\d+)/.exec(proc.output())?.[1]);
    expect(grandchild).toBeGreaterThan(0);
    expect(await proc.stop('SIGTERM', 300)).toBeNull();
    await waitFor(() => !pidAlive(grandchild), { timeoutMs: 2000, message: `grandchild ${grandchild} to be gone` });
  });

  it('rejects when the command does not exist', async () => {
    await expect(startProcess({ command: 'no-such-command-trellis', args: [] })).rejects.toThrow(/could not spawn no-such-command-trellis.*ENOENT/);
  });
});
