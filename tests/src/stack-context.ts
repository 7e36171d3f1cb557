import type { RedisTopology } from '@trellis/testkit';
import { inject } from 'vitest';

export interface StackContext {
  mode: 'processes' | 'compose';
  urls: Record<string, string>;
  registryUrl: string;
  /** Known only for the process stack; full-stack tests never talk to Redis anyway. */
  redis: RedisTopology | undefined;
}

declare module 'vitest' {
  export interface ProvidedContext {
    stack: StackContext;
  }
}

export function stackContext(): StackContext {
  return inject('stack');
}
