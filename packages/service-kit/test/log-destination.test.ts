import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { LineBatcher } from '../src/log-destination.js';

const line = (i: number) => `{"n":${i},"msg":"${'x'.repeat(80)}"}\n`;

function fileSink() {
  const file = join(mkdtempSync(join(tmpdir(), 'trellis-log-')), 'out.log');
  // Synchronous, so that what was handed over is in the file when the test looks.
  const sink = pino.destination({ dest: file, sync: true, minLength: 0 });
  return { sink, read: () => readFileSync(file, 'utf8') };
}

describe('LineBatcher', () => {
  it('hands lines over a batch at a time, in order, and the rest on flushSync', () => {
    const { sink, read } = fileSink();
    const batcher = new LineBatcher(sink, 1_000);
    const perBatch = Math.ceil(1_000 / line(0).length);
    for (let i = 0; i < perBatch - 1; i += 1) batcher.write(line(i));
    expect(read()).toBe('');
    batcher.write(line(perBatch - 1));
    const firstBatch = Array.from({ length: perBatch }, (_, i) => line(i)).join('');
    expect(read()).toBe(firstBatch);
    batcher.write(line(perBatch));
    batcher.flushSync();
    expect(read()).toBe(firstBatch + line(perBatch));
  });

  it('answers pino logger.flush once the lines are written', async () => {
    const { sink, read } = fileSink();
    const logger = pino({ base: null, timestamp: false }, new LineBatcher(sink, 1_000_000));
    logger.info('one');
    logger.info('two');
    await new Promise<void>((resolve, reject) => logger.flush((error) => (error ? reject(error) : resolve())));
    expect(read()).toBe('{"level":30,"msg":"one"}\n{"level":30,"msg":"two"}\n');
  });
});

describe('bufferedStdout', () => {
  // A process of its own: what is at stake is what reaches standard output by the time it exits.
  const run = (script: string) => {
    const moduleUrl = new URL('../dist/log-destination.js', import.meta.url).href;
    const child = spawnSync(
      process.execPath,
      ['--input-type=module', '-e', `import pino from 'pino'; import { bufferedStdout } from ${JSON.stringify(moduleUrl)};\n${script}`],
      { cwd: new URL('..', import.meta.url), encoding: 'utf8' },
    );
    expect(child.stderr).toBe('');
    return child.stdout.split('\n').filter(Boolean).map((text) => JSON.parse(text).n as number);
  };
  const range = (n: number) => Array.from({ length: n }, (_, i) => i);

  it('writes every line, in order, when the process ends by itself', () => {
    expect(run(`const log = pino({}, bufferedStdout()); for (let n = 0; n < 5000; n += 1) log.info({ n }, 'line');`)).toEqual(range(5_000));
  });

  it('writes every line, in order, on process.exit right after logging', () => {
    expect(run(`const log = pino({}, bufferedStdout()); for (let n = 0; n < 3; n += 1) log.info({ n }, 'line'); process.exit(0);`)).toEqual(range(3));
  });

  it('writes lines logged across event-loop turns', () => {
    expect(
      run(`const log = pino({}, bufferedStdout()); for (let n = 0; n < 400; n += 1) { log.info({ n }, 'line'); if (n % 50 === 0) await new Promise((r) => setTimeout(r, 5)); }`),
    ).toEqual(range(400));
  });
});
