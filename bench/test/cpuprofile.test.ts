import { describe, expect, it } from 'vitest';
import { IDLE, NATIVE, originOf, summarizeProfile, trimProfile } from '../src/cpuprofile.mjs';
import { frame } from './frames.js';

// root ─┬─ handler (a service) ─┬─ send (fastify) ── writev (native)
//       │                       └─ handler again (recursion)
//       └─ (idle)
const profile = {
  nodes: [
    { id: 1, callFrame: frame('(root)'), children: [2, 5] },
    { id: 2, callFrame: frame('handler', 'file:///repo/services/limits-svc/dist/routes/checks.js'), children: [3, 6] },
    { id: 3, callFrame: frame('send', 'file:///repo/node_modules/.pnpm/fastify@5.1.0/node_modules/fastify/lib/reply.js'), children: [4] },
    { id: 4, callFrame: frame('writev'), children: [] },
    { id: 5, callFrame: frame('(idle)'), children: [] },
    { id: 6, callFrame: frame('handler', 'file:///repo/services/limits-svc/dist/routes/checks.js'), children: [] },
  ],
  startTime: 1_000,
  endTime: 2_000,
  // Sample times: 1100, 1200, 1300, 1400, 1500, 1600.
  samples: [2, 3, 4, 5, 6, 3],
  timeDeltas: [100, 100, 100, 100, 100, 100],
};

describe('originOf', () => {
  it('names packages, scoped packages, Trellis folders, Node, native and generated code', () => {
    expect(originOf(frame('x', 'file:///r/node_modules/.pnpm/fastify@5/node_modules/fastify/lib/reply.js'))).toBe('fastify');
    expect(originOf(frame('x', 'file:///r/node_modules/@fastify/swagger/index.js'))).toBe('@fastify/swagger');
    expect(originOf(frame('x', 'file:///r/packages/service-kit/dist/json-body.js'))).toBe('@trellis/service-kit');
    expect(originOf(frame('x', 'file:///r/services/flags-svc/dist/usage.js'))).toBe('flags-svc');
    expect(originOf(frame('x', 'node:_http_outgoing'))).toBe('Node.js');
    expect(originOf(frame('writev'))).toBe(NATIVE);
    // Names an object literal would answer from its prototype.
    expect(originOf(frame('constructor'))).toBe(NATIVE);
    expect(originOf(frame('toString'))).toBe(NATIVE);
    expect(originOf(frame('(idle)'))).toBe(IDLE);
    expect(originOf(frame('(garbage collector)'))).toBe('garbage collector');
    expect(originOf(frame('anonymous0', '', '42', 218))).toBe('generated code (serializers, validators)');
    expect(originOf(frame('RegExp: ^a+$'))).toBe('regular expressions');
  });
});

describe('trimProfile', () => {
  it('keeps the samples of the window, timed from its start', () => {
    const trimmed = trimProfile(profile, 1_250, 1_500);
    expect(trimmed.samples).toEqual([4, 5, 6]);
    expect(trimmed.timeDeltas).toEqual([50, 100, 100]);
    expect(trimmed.startTime).toBe(1_250);
    expect(trimmed.endTime).toBe(1_500);
    expect(trimmed.nodes).toBe(profile.nodes);
  });
});

describe('summarizeProfile', () => {
  it('counts self and total time, recursion once, and leaves out what it is told to', () => {
    const summary = summarizeProfile(profile, { leaveOut: [IDLE, NATIVE] });
    expect(summary.leftOutUs).toEqual({ [IDLE]: 100, [NATIVE]: 100 });
    expect(summary.countedUs).toBe(400);
    expect(summary.origins).toEqual([
      { origin: 'limits-svc', us: 200 },
      { origin: 'fastify', us: 200 },
    ]);
    const handler = summary.functions.find((f) => f.name === 'handler services/limits-svc/dist/routes/checks.js:10');
    const send = summary.functions.find((f) => f.name === 'send fastify/lib/reply.js:10');
    expect(handler).toMatchObject({ origin: 'limits-svc', selfUs: 200, totalUs: 400 });
    expect(send).toMatchObject({ origin: 'fastify', selfUs: 200, totalUs: 200 });
  });

  it('leaves out only idle time by default', () => {
    const summary = summarizeProfile(profile);
    expect(summary.countedUs).toBe(500);
    expect(summary.functions.find((f) => f.name === 'writev')).toMatchObject({ selfUs: 100, totalUs: 100 });
  });
});
