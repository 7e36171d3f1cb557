import { HttpProblem } from '@trellis/service-kit';
import { describe, expect, it } from 'vitest';
import { ifMatchHits, ifNoneMatchHits, parseIfMatch, parseIfNoneMatchForWrite } from './etag.js';

describe('ETag preconditions', () => {
  it('parses If-Match: *, lists, weak tags (never matching) and foreign tags (never matching)', () => {
    expect(parseIfMatch(undefined)).toBeUndefined();
    expect(parseIfMatch(' * ')).toEqual({ any: true });
    expect(parseIfMatch('"3", "17"')).toEqual({ any: false, versions: [3, 17] });
    expect(parseIfMatch('W/"3"')).toEqual({ any: false, versions: [] });
    expect(parseIfMatch('"abc", "0", "4"')).toEqual({ any: false, versions: [4] });
    expect(ifMatchHits({ any: false, versions: [3, 17] }, 17)).toBe(true);
    expect(ifMatchHits({ any: true }, undefined)).toBe(false);
  });

  it.each(['3', '"3', '3"', '"3",', '"a b"', "'3'", '', ' ', '*, "1"'])('refuses the malformed If-Match %j with a 400', (value) => {
    expect(() => parseIfMatch(value)).toThrow(HttpProblem);
  });

  it('compares If-None-Match weakly on reads and allows only * on writes', () => {
    expect(ifNoneMatchHits('W/"5"', 5)).toBe(true);
    expect(ifNoneMatchHits('"4", "5"', 5)).toBe(true);
    expect(ifNoneMatchHits('"4"', 5)).toBe(false);
    expect(ifNoneMatchHits('*', 5)).toBe(true);
    expect(parseIfNoneMatchForWrite('*')).toBe(true);
    expect(parseIfNoneMatchForWrite(undefined)).toBe(false);
    expect(() => parseIfNoneMatchForWrite('"5"')).toThrow(HttpProblem);
  });
});
