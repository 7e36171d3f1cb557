import { type Static, type TSchema, Type } from 'typebox';

/** RFC 9457 problem details, with a machine-readable `code`. */
export const ProblemSchema = Type.Object(
  {
    type: Type.String({ description: 'URI reference identifying the problem type' }),
    title: Type.String(),
    status: Type.Integer({ minimum: 400, maximum: 599 }),
    detail: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String({ description: 'The request path' })),
    code: Type.String({ description: 'Stable machine-readable error code, e.g. VALIDATION_FAILED' }),
    requestId: Type.Optional(Type.String()),
    errors: Type.Optional(
      Type.Array(
        Type.Object({ path: Type.String(), message: Type.String() }, { additionalProperties: false }),
        { description: 'Every validation failure, for 400 VALIDATION_FAILED' },
      ),
    ),
    retryAfterSeconds: Type.Optional(Type.Integer({ minimum: 0 })),
    currentETag: Type.Optional(Type.String({ description: 'On 412: the ETag the resource has now' })),
  },
  { $id: 'Problem', additionalProperties: true, description: 'RFC 9457 problem details' },
);
export type Problem = Static<typeof ProblemSchema>;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  408: 'Request Timeout',
  409: 'Conflict',
  410: 'Gone',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function statusTitle(status: number): string {
  return TITLES[status] ?? (status >= 500 ? 'Server Error' : 'Client Error');
}

/** Throw from routes and services; the error handler renders it as problem+json. */
export class HttpProblem extends Error {
  override readonly name = 'HttpProblem';
  readonly headers: Record<string, string>;
  readonly extensions: Record<string, unknown>;
  constructor(
    readonly status: number,
    readonly code: string,
    detail: string,
    options: { headers?: Record<string, string>; extensions?: Record<string, unknown> } = {},
  ) {
    // An expected answer, not a fault: its stack would never be read, and capturing one is the
    // largest cost of a refused request (bench/).
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(detail);
    Error.stackTraceLimit = stackTraceLimit;
    this.headers = options.headers ?? {};
    this.extensions = options.extensions ?? {};
  }
}

export const notFound = (what: string) => new HttpProblem(404, 'NOT_FOUND', `${what} was not found`);
export const conflict = (detail: string) => new HttpProblem(409, 'CONFLICT', detail);

/** A `$ref` to a schema registered with `$id`, typed as the schema it points at. */
export function ref<T extends TSchema & { $id?: string }>(schema: T): T {
  if (!schema.$id) throw new Error('ref() needs a schema with $id');
  return Type.Unsafe<Static<T>>({ $ref: `${schema.$id}#` }) as unknown as T;
}

const problemRef = Type.Unsafe<Problem>({ $ref: 'Problem#' });

/** Response schemas for the given error statuses, all problem+json. */
export function problemResponses(...statuses: number[]): Record<number, TSchema> {
  const responses: Record<number, TSchema> = {};
  for (const status of new Set([400, ...statuses, 503])) {
    responses[status] = Type.Unsafe<Problem>({ ...problemRef, description: statusTitle(status) });
  }
  return responses;
}
