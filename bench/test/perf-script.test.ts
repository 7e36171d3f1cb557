import { describe, expect, it } from 'vitest';
import { callerOrigin, KERNEL, NO_SCRIPT, parsePerfScript, perfOrigin, summarizePerf } from '../src/perf-script.mjs';

// Three samples as `perf script` prints them for a node process run with --perf-basic-prof.
const SCRIPT = `node 15573  5091.493431:     500250 cpu-clock:ppp: 
\tffffffff8d2f1a2b _raw_spin_unlock_irqrestore+0x1b ([kernel.kallsyms])
\tffffffff8d1c0e11 sock_def_readable+0x41 ([kernel.kallsyms])
\t    7f0a12345678 JS:*end node:_http_outgoing:1034:45 (/tmp/perf-15573.map)

node 15573  5091.494431:     500250 cpu-clock:ppp: 
\t    7f0a12345999 JS:*send file:///repo/services/limits-svc/dist/routes/checks.js:7:14 (/tmp/perf-15573.map)
\t    7f0a12340000 JS:*routeHandler /repo/node_modules/.pnpm/fastify@5.12.8/node_modules/fastify/lib/route.js:465:25 (/tmp/perf-15573.map)

node 15574  5091.495431:     500250 cpu-clock:ppp: 
\t         1dbd5fa v8::internal::Scavenger::ScavengePage+0x5a (/usr/bin/node)
\t          891f5 start_thread+0x305 (/usr/lib/x86_64-linux-gnu/libc.so.6)
`;

describe('parsePerfScript', () => {
  it('reads one list of frames per sample, leaf first, without offsets', () => {
    const samples = parsePerfScript(SCRIPT);
    expect(samples).toHaveLength(3);
    expect(samples[0]?.[0]).toEqual({ symbol: '_raw_spin_unlock_irqrestore', dso: '[kernel.kallsyms]' });
    expect(samples[1]?.[0]).toEqual({ symbol: 'JS:*send file:///repo/services/limits-svc/dist/routes/checks.js:7:14', dso: '/tmp/perf-15573.map' });
    expect(samples[2]?.[1]).toEqual({ symbol: 'start_thread', dso: '/usr/lib/x86_64-linux-gnu/libc.so.6' });
  });
});

describe('perfOrigin', () => {
  it('names the kernel, JavaScript by its file, regular expressions, builtins, GC and libraries', () => {
    expect(perfOrigin({ symbol: 'tcp_sendmsg', dso: '[kernel.kallsyms]' })).toBe(KERNEL);
    expect(perfOrigin({ symbol: 'JS:*end node:_http_outgoing:1034:45', dso: '/tmp/perf-1.map' })).toBe('Node.js');
    expect(perfOrigin({ symbol: 'JS:~check file:///r/services/limits-svc/dist/x.js:1:2', dso: '/tmp/perf-1.map' })).toBe('limits-svc');
    expect(perfOrigin({ symbol: 'JS:*find /r/node_modules/.pnpm/find-my-way@9/node_modules/find-my-way/index.js:618:39', dso: '/tmp/perf-1.map' })).toBe(
      'find-my-way',
    );
    expect(perfOrigin({ symbol: 'JS:*anonymous0 :219:27', dso: '/tmp/perf-1.map' })).toBe('generated code (serializers, validators)');
    expect(perfOrigin({ symbol: 'RegExp:^[a-z]+$', dso: '/tmp/perf-1.map' })).toBe('regular expressions');
    expect(perfOrigin({ symbol: 'Builtins_LoadIC', dso: '/usr/bin/node' })).toBe('V8 builtins');
    expect(perfOrigin({ symbol: 'v8::internal::Scavenger::ScavengePage', dso: '/usr/bin/node' })).toBe('garbage collector');
    expect(perfOrigin({ symbol: 'llhttp__internal_execute', dso: '/usr/bin/node' })).toBe('V8 and Node native code');
    expect(perfOrigin({ symbol: '__memmove_avx_unaligned', dso: '/usr/lib/x86_64-linux-gnu/libc.so.6' })).toBe('libc.so.6');
  });
});

describe('callerOrigin', () => {
  it('is the origin of the nearest JavaScript frame with a file, or none', () => {
    const [kernelWrite, ownCode, gcThread] = parsePerfScript(SCRIPT);
    expect(callerOrigin(kernelWrite ?? [])).toBe('Node.js');
    expect(callerOrigin(ownCode ?? [])).toBe('limits-svc');
    expect(callerOrigin(gcThread ?? [])).toBe(NO_SCRIPT);
    expect(callerOrigin([{ symbol: 'JS:*anonymous0 :219:27', dso: '/tmp/perf-1.map' }, ...(ownCode ?? [])])).toBe('limits-svc');
  });
});

describe('summarizePerf', () => {
  it('counts samples by the origin and symbol of the running frame', () => {
    const summary = summarizePerf(parsePerfScript(SCRIPT));
    expect(summary.samples).toBe(3);
    expect(summary.origins).toEqual(
      expect.arrayContaining([
        { origin: KERNEL, samples: 1 },
        { origin: 'limits-svc', samples: 1 },
        { origin: 'garbage collector', samples: 1 },
      ]),
    );
    expect(summary.callers).toEqual(
      expect.arrayContaining([
        { origin: 'Node.js', samples: 1 },
        { origin: 'limits-svc', samples: 1 },
        { origin: NO_SCRIPT, samples: 1 },
      ]),
    );
    expect(summary.symbols.map((s) => s.name)).toContain('send file:///repo/services/limits-svc/dist/routes/checks.js:7:14');
  });
});
