import { defaultBody, problemResponses, ref, type TrellisApp } from '@trellis/service-kit';
import { Type } from 'typebox';
import type { CounterService } from '../counter-service.js';
import { Counter, CounterChange, CounterName } from '../schemas.js';

const Params = Type.Object({ name: CounterName }, { additionalProperties: false });

export function counterRoutes(app: TrellisApp, counters: CounterService): void {
  for (const [direction, sign] of [
    ['increment', 1],
    ['decrement', -1],
  ] as const) {
    app.post(
      `/v1/counters/:name/${direction}`,
      {
        schema: {
          operationId: `${direction}Counter`,
          tags: ['counters'],
          summary: `${direction === 'increment' ? 'Add to' : 'Subtract from'} a counter atomically`,
          description:
            'One script: INCRBY, and for a counter this call creates, the TTL in the same step (never a separate EXPIRE). An existing counter keeps its TTL. 422 when the value would leave +-(2^53 - 1).',
          params: Params,
          body: ref(CounterChange),
          response: { 200: ref(Counter), ...problemResponses(422) },
        },
        preValidation: defaultBody(() => ({ by: 1 })),
      },
      async (request) => counters.add(request.params.name, sign * request.body.by, request.body.ttlSeconds),
    );
  }

  app.get(
    '/v1/counters/:name',
    {
      schema: {
        operationId: 'getCounter',
        tags: ['counters'],
        summary: 'A counter\'s value and TTL',
        params: Params,
        response: { 200: ref(Counter), ...problemResponses(404) },
      },
    },
    async (request) => counters.get(request.params.name),
  );

  app.delete(
    '/v1/counters/:name',
    {
      schema: {
        operationId: 'resetCounter',
        tags: ['counters'],
        summary: 'Reset (delete) a counter',
        params: Params,
        response: { 204: Type.Null({ description: 'Reset' }), ...problemResponses(404) },
      },
    },
    async (request, reply) => {
      await counters.reset(request.params.name);
      reply.code(204);
      return null;
    },
  );
}
