// What a reply must be, whatever was asked (DESIGN §4): never a 5xx for anything a client
// sent, a status the operation documents (or a problem every route may answer), a
// problem+json body that is a Problem, and a 2xx body that matches the documented schema.
import type { Reply } from './fuzz-http.js';
import type { JsonSchema, Operation, ResponseSpec, ServiceSpec } from './fuzz-spec.js';

/**
 * Problems any route may answer without documenting them (DESIGN §4), plus the two limits HTTP
 * itself puts on a request line and headers (414 URI Too Long, 431 Request Header Fields Too
 * Large): those still have to be problem+json.
 */
export const GENERIC_PROBLEM_STATUSES = new Set([400, 401, 403, 404, 405, 413, 414, 415, 422, 428, 429, 431]);

/** mesh-svc's gateway answers about the destination (no healthy instance, timeout, reset): not a failure of the service. */
const GATEWAY_CODES = new Set(['NO_HEALTHY_UPSTREAM', 'UPSTREAM_OVERFLOW', 'UPSTREAM_TIMEOUT', 'UPSTREAM_CONNECT_FAILURE', 'UPSTREAM_RESET']);

const PROBLEM = 'application/problem+json';

function mediaType(reply: Reply): string | undefined {
  const header = reply.headers['content-type'];
  return typeof header === 'string' ? header.split(';')[0]!.trim().toLowerCase() : undefined;
}

function documented(op: Operation, status: number): ResponseSpec | undefined {
  return op.responses[String(status)] ?? op.responses[`${String(status)[0]}XX`] ?? op.responses.default;
}

const isAnySchema = (schema: JsonSchema | undefined) =>
  !schema || Object.keys(schema).every((key) => key === 'description' || key === 'title');

const isProblemSchema = (schema: JsonSchema | undefined) => schema?.$ref === '#/components/schemas/Problem';

function parseJson(reply: Reply): { value?: unknown; error?: string } {
  try {
    return { value: JSON.parse(reply.body.toString('utf8')) };
  } catch (error) {
    return { error: `body is not JSON: ${(error as Error).message}` };
  }
}

/**
 * The operation a request with `method` reached: the path's operation for that method, the GET
 * for a HEAD, or none (only the problems any route may answer are valid then).
 */
export function operationFor(spec: ServiceSpec, op: Operation, method: string): Operation {
  if (method === op.method) return op;
  const found = spec.operations.find((other) => other.path === op.path && other.method === (method === 'HEAD' ? 'GET' : method));
  return found ?? { ...op, method, operationId: `${method} ${op.path} (undocumented)`, tags: [], responses: {}, streams: false };
}

/** Every way `reply` breaks the spec; empty when it is a valid answer to `op` (`head`: a HEAD request, which has no body). */
export function violations(spec: ServiceSpec, op: Operation, reply: Reply, head = false): string[] {
  const out: string[] = [];
  const { status } = reply;
  const media = mediaType(reply);
  const doc = documented(op, status);
  const problem = media === PROBLEM ? parseJson(reply) : undefined;
  const problemCode = (problem?.value as { code?: unknown } | undefined)?.code;

  if (status >= 500) {
    const semantic = doc && media && doc.content?.[media] && !isProblemSchema(doc.content[media]?.schema) && media !== PROBLEM;
    // A HEAD reply has no body to carry the code: a status the proxy documents is all it can say.
    const gateway = doc && op.tags.includes('proxy') && (head || (typeof problemCode === 'string' && GATEWAY_CODES.has(problemCode)));
    if (!semantic && !gateway) out.push(`5xx: ${status}${problemCode ? ` ${String(problemCode)}` : ''}`);
  }
  if (!doc && !GENERIC_PROBLEM_STATUSES.has(status) && status < 500) out.push(`status ${status} is not documented for ${op.operationId}`);

  if (head) return out;
  if (reply.streamed) {
    if (!doc?.content?.['text/event-stream']) out.push(`a text/event-stream reply with status ${status}, which the spec does not document`);
    return out;
  }

  const empty = reply.body.length === 0;
  if (problem) {
    if (problem.error) out.push(`problem+json ${problem.error}`);
    else {
      const invalid = spec.validate(spec.component('Problem'), problem.value);
      if (invalid) out.push(`problem+json is not a Problem: ${invalid}`);
      const bodyStatus = (problem.value as { status?: unknown }).status;
      if (bodyStatus !== status) out.push(`problem status ${String(bodyStatus)} differs from the HTTP status ${status}`);
      // A documented schema other than Problem (e.g. RateLimitedProblem) must hold too.
      const schema = doc?.content?.['application/json']?.schema ?? doc?.content?.[PROBLEM]?.schema;
      if (schema && !isProblemSchema(schema) && !isAnySchema(schema) && !invalid) {
        const extra = spec.validate(schema, problem.value);
        if (extra) out.push(`problem+json does not match the documented schema: ${extra}`);
      }
    }
    // DESIGN §4: a 429 and Redis's 503 say when to come back (a gateway's 503 about its destination may not know).
    if ((status === 429 || problemCode === 'REDIS_UNAVAILABLE') && reply.headers['retry-after'] === undefined) out.push(`${status} without Retry-After`);
    if (status < 400) out.push(`problem+json with status ${status}`);
    return out;
  }

  if (status >= 400 && !(doc?.content && media && doc.content[media] && !isProblemSchema(doc.content[media]?.schema))) {
    // An error that is not problem+json: only fine where the spec documents another body for it.
    out.push(`status ${status} answered with ${media ?? 'no content-type'} instead of ${PROBLEM}${empty ? ' (empty body)' : ''}`);
    return out;
  }
  if (!doc) return out;

  const content = doc.content ?? {};
  const passThrough = Object.values(content).some((entry) => isAnySchema(entry.schema));
  if (status === 204 || status === 304 || Object.keys(content).length === 0) {
    if (!empty && !passThrough) out.push(`status ${status} has a body where the spec documents none`);
    return out;
  }
  if (passThrough) return out;
  if (empty) {
    out.push(`status ${status} has an empty body where the spec documents ${Object.keys(content).join(', ')}`);
    return out;
  }
  const entry = media ? content[media] : undefined;
  if (!entry) {
    out.push(`status ${status} answered with ${media ?? 'no content-type'}; the spec documents ${Object.keys(content).join(', ')}`);
    return out;
  }
  const parsed = parseJson(reply);
  if (parsed.error) out.push(`${status} ${parsed.error}`);
  else if (entry.schema) {
    const invalid = spec.validate(entry.schema, parsed.value);
    if (invalid) out.push(`${status} body does not match the documented schema: ${invalid}`);
  }
  return out;
}
