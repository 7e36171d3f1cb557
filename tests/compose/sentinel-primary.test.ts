// The Sentinel deployment really runs on the primary the sentinels name: a write made through
// registry-svc lands there and replicates to the replica. Unlike the fullstack suites, this
// looks at Redis itself, the way an operator would: redis-cli inside the deployment's
// sentinel-1 container (host network, so every node is on 127.0.0.1).
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { createRegistryClient } from '@trellis/clients';
import { waitFor } from '@trellis/testkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { stackContext } from '../src/stack-context.js';

const exec = promisify(execFile);
const stack = stackContext();
const sentinelTopology = stack.mode === 'compose' && stack.redis.kind === 'sentinel' ? stack.redis : undefined;

describe.skipIf(!sentinelTopology)('compose, Redis Sentinel variant', () => {
  let container = '';
  const redisCli = async (...args: string[]): Promise<string[]> => {
    const { stdout } = await exec('docker', ['exec', container, 'redis-cli', ...args]);
    return stdout.split('\n').map((line) => line.trim()).filter(Boolean);
  };

  beforeAll(async () => {
    const { TRELLIS_COMPOSE_PROJECT: project, TRELLIS_COMPOSE_FILE: file } = process.env;
    if (!project || !file) throw new Error('TRELLIS_COMPOSE_PROJECT and TRELLIS_COMPOSE_FILE must name the running deployment');
    const { stdout } = await exec('docker-compose', ['-p', project, '-f', file, 'ps', '-q', 'sentinel-1']);
    container = stdout.trim();
    expect(container, 'sentinel-1 container').not.toBe('');
  });

  it('services write to the sentinel-discovered primary, and the replica receives the writes', async () => {
    const { sentinels, name } = sentinelTopology!;
    const [host, port] = await redisCli('-p', String(sentinels[0]!.port), 'sentinel', 'get-master-addr-by-name', name);
    expect(host).toBe('127.0.0.1');
    const [primaryRole, , ...replicaFields] = await redisCli('-p', port!, 'role');
    expect(primaryRole, `127.0.0.1:${port} is what the sentinels call the primary`).toBe('master');
    // ROLE on a primary lists each replica as ip, port, offset.
    const replicaPort = replicaFields[1];
    expect(replicaPort, 'the primary has a connected replica').toBeDefined();
    const [replicaRole, , followedPort, linkState] = await redisCli('-p', replicaPort!, 'role');
    expect([replicaRole, followedPort, linkState]).toEqual(['slave', port, 'connected']);

    // A write through the service: only the primary accepts writes, so it succeeding (and its
    // keys being there) shows the services talk to the primary the sentinels named.
    const registry = createRegistryClient({ baseUrl: stack.registryUrl });
    const service = `sentinel-check-${randomBytes(4).toString('hex')}`;
    const params = { path: { service, instanceId: 'check-1' } };
    const { response } = await registry.PUT('/v1/services/{service}/instances/{instanceId}', {
      params,
      body: { host: '127.0.0.1', port: 9, ttlSeconds: 300 },
    });
    expect(response.status).toBe(201);
    const { data } = await registry.GET('/v1/services/{service}/instances/{instanceId}', { params });
    expect(data?.instanceId).toBe('check-1');

    const scan = (nodePort: string) => redisCli('-p', nodePort, '--scan', '--pattern', `*${service}*`);
    const onPrimary = await scan(port!);
    expect(onPrimary.length, 'the registration is stored on the primary').toBeGreaterThan(0);
    const onReplica = await waitFor(async () => ((await scan(replicaPort!)).length === onPrimary.length ? true : undefined), {
      timeoutMs: 10_000,
      message: 'the registration replicated to the replica',
    });
    expect(onReplica).toBe(true);

    const deleted = await registry.DELETE('/v1/services/{service}/instances/{instanceId}', { params });
    expect(deleted.response.status).toBe(204);
  });
});
