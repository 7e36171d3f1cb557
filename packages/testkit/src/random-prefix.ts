import { randomBytes } from 'node:crypto';

/** A unique key prefix per test, e.g. `trellis-test-3f9a1c0b7e2d`. */
export function randomPrefix(): string {
  return `trellis-test-${randomBytes(6).toString('hex')}`;
}
