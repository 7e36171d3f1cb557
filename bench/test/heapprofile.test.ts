import { describe, expect, it } from 'vitest';
import { summarizeHeapProfile } from '../src/heapprofile.mjs';
import { frame } from './frames.js';

const HANDLER = 'file:///repo/services/limits-svc/dist/routes/checks.js';
const SEND = 'file:///repo/node_modules/.pnpm/fastify@5.1.0/node_modules/fastify/lib/reply.js';

// (root) ── handler 100 B ─┬─ send (fastify) 1,000 B ── JSON.stringify (native) 50 B
//                          └─ handler again (recursion) 10 B
const profile = {
  head: {
    id: 1,
    callFrame: frame('(root)'),
    selfSize: 0,
    children: [
      {
        id: 2,
        callFrame: frame('handler', HANDLER),
        selfSize: 100,
        children: [
          {
            id: 3,
            callFrame: frame('send', SEND),
            selfSize: 1_000,
            children: [{ id: 4, callFrame: frame('stringify'), selfSize: 50, children: [] }],
          },
          { id: 5, callFrame: frame('handler', HANDLER), selfSize: 10, children: [] },
        ],
      },
    ],
  },
  samples: [],
};

describe('summarizeHeapProfile', () => {
  const summary = summarizeHeapProfile(profile);
  const byName = Object.fromEntries(summary.functions.map((f) => [f.name.split(' ')[0], f]));

  it('adds up every node once', () => {
    expect(summary.totalBytes).toBe(1_160);
  });

  it('charges each node to the package its code comes from', () => {
    expect(summary.origins).toEqual([
      { origin: 'fastify', bytes: 1_000 },
      { origin: 'limits-svc', bytes: 110 },
      { origin: 'native functions (and their system calls)', bytes: 50 },
    ]);
  });

  it("counts a function's own bytes, and with what it calls, once however deep it recurses", () => {
    expect(byName.handler).toMatchObject({ selfBytes: 110, totalBytes: 1_160 });
    expect(byName.send).toMatchObject({ selfBytes: 1_000, totalBytes: 1_050 });
    expect(byName.stringify).toMatchObject({ selfBytes: 50, totalBytes: 50 });
  });
});
