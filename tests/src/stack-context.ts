import type { RedisTopology } from '@trellis/testkit';
import { inject } from 'vitest';

export interface StackContext {
  mode: 'processes' | 'compose';
  urls: Record<string, string>;
  registryUrl: string;
  /** The stack's Redis: tests never talk to it, but the services they start beside the stack do. */
  redis: RedisTopology;
}

declare module 'vitest' {
  export interface ProvidedContext {
    stack: StackContext;
  }
}

export function stackContext(): StackContext {
  return inject('stack');
}
