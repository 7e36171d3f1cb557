import { type ChildProcessHandle, freePort, waitFor } from '@trellis/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIdHasher } from '../src/session-ids.js';
import { api, startSessionProcess, testEnv } from './helpers.js';

describe('session-svc as processes', () => {
  let replicas: ChildProcessHandle[] = [];
  let urls: string[] = [];
  beforeAll(async () => {
    const env = testEnv({ LOG_LEVEL: 'info', SESSION_LOG_SALT: 'process-test-salt' });
    const ports = [await freePort(), await freePort()];
    replicas = await Promise.all(ports.map((port) => startSessionProcess(env, port)));
    urls = ports.map((port) => `http://127.0.0.1:${port}`);
  });
  afterAll(async () => {
    await Promise.all(replicas.map((replica) => replica.stop()));
  });

  it('serves one deployment from two replicas and never writes a session id to its logs', async () => {
    const [a, b] = urls.map((url) => api(url));
    const created = await a!.create({ userId: 'logged', data: { secret: 'x' } });
    expect(created.status).toBe(201);
    const id: string = created.body.sessionId;
    expect((await b!.get(id)).status).toBe(200);
    expect((await b!.patch(id, { more: 1 })).status).toBe(200);
    const rotated = await b!.rotate(id, { graceSeconds: 5 });
    const newId: string = rotated.body.sessionId;
    expect((await a!.get(id)).body.data).toEqual({ secret: 'x', more: 1 });
    // A forged id one character off (never the id itself: its last character may already be Z).
    const forged = `${newId.slice(0, 43)}${newId.endsWith('Z') ? 'Y' : 'Z'}`;
    expect((await a!.get(forged)).status).toBe(404);
    await fetch(`${urls[0]}/v1/sessions/${newId}?touch=false`, { headers: { 'x-session-id': newId, cookie: `sid=${newId}` } });
    expect((await a!.invalidate('logged', newId)).status).toBe(200);
    expect((await b!.remove(newId)).status).toBe(204);
    // What logs show instead of ids: a salted hash, the same on every replica that shares the salt.
    const hash = createIdHasher('process-test-salt');
    const output = await waitFor(
      () => {
        const text = replicas.map((replica) => replica.output()).join('\n');
        return text.includes(`/v1/sessions/h:${hash(id)}`) && text.includes(`except=h:${hash(newId)}`) && text;
      },
      { timeoutMs: 10_000, message: 'hashed ids in the logs' },
    );
    expect(output).toContain('request completed');
    // Reads that find their session log at debug; a miss is what OWASP asks to log, at info.
    const sessionReads = output
      .split('\n')
      .filter((line) => line.includes('"msg":"request completed"') && line.includes('"method":"GET"') && line.includes('/v1/sessions/h:'))
      .map((line) => JSON.parse(line) as { res: { statusCode: number } });
    expect(sessionReads.map((line) => line.res.statusCode)).toEqual([404]);
    for (const secret of [id, newId, id.slice(22), newId.slice(22)]) expect(output).not.toContain(secret);
  });
});
