import { describe, expect, it } from 'vitest';
import { prefersMinimalReturn } from '../src/prefer.js';

describe('prefersMinimalReturn', () => {
  it('reads return=minimal among other preferences and parameters, in any case, quoted or not', () => {
    expect(prefersMinimalReturn('return=minimal')).toBe(true);
    expect(prefersMinimalReturn('respond-async, wait=10, Return=Minimal')).toBe(true);
    expect(prefersMinimalReturn('return="minimal"; foo=bar')).toBe(true);
    expect(prefersMinimalReturn(['handling=lenient', 'return = minimal'])).toBe(true);
  });

  it('answers in full when the header is absent, asks for the representation or names something else', () => {
    expect(prefersMinimalReturn(undefined)).toBe(false);
    expect(prefersMinimalReturn('')).toBe(false);
    expect(prefersMinimalReturn('return=representation')).toBe(false);
    expect(prefersMinimalReturn('respond-async')).toBe(false);
    expect(prefersMinimalReturn('noreturn=minimal')).toBe(false);
    expect(prefersMinimalReturn('foo; return=minimal')).toBe(false);
  });

  it('takes the first return preference when the header repeats it', () => {
    expect(prefersMinimalReturn('return=representation, return=minimal')).toBe(false);
    expect(prefersMinimalReturn('return=minimal, return=representation')).toBe(true);
  });
});
