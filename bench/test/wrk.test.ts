import { describe, expect, it } from 'vitest';
import { wrkScript } from '../src/wrk.mjs';

describe('wrkScript', () => {
  it('sends the next request as soon as an answer arrives unless a rate is given', () => {
    const script = wrkScript({ method: 'PUT', body: '{"a":1}', headers: { 'if-match': '*' } });
    expect(script).toContain('wrk.method = "PUT"');
    expect(script).toContain('wrk.headers["if-match"] = "*"');
    expect(script).toContain('wrk.headers["content-type"] = "application/json"');
    expect(script).not.toContain('delay');
  });

  it('paces each connection so that together they send at the rate asked', () => {
    // 64 connections at 3,000 a second: each waits 64/3,000 s on average between requests.
    const script = wrkScript({ bodies: ['{"k":1}', '{"k":2}'], connections: 64, ratePerSecond: 3_000 });
    expect(script).toMatch(/^local meanDelayMs = 21\.333/m);
    expect(script).toContain('delay = function()');
    expect(script).toContain('request = function()');
  });
});
