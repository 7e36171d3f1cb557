import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Answer, call, startTestState, type TestState, testEnv } from './helpers.js';

interface BadCase {
  what: string;
  method: string;
  path: string;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
  contentType?: string;
  status: number;
  code?: string;
}

const MERGE_PATCH = 'application/merge-patch+json';
const deep = (levels: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < levels; i += 1) value = [value];
  return value;
};

const cases: BadCase[] = [
  // Names
  { what: 'a namespace with a slash-like character', method: 'PUT', path: '/v1/state/a%7Bb%7D/k', body: { data: 1 }, status: 400, code: 'VALIDATION_FAILED' },
  { what: 'a namespace with a colon', method: 'PUT', path: '/v1/state/a:b/k', body: { data: 1 }, status: 400, code: 'VALIDATION_FAILED' },
  { what: 'a namespace of 129 characters', method: 'PUT', path: `/v1/state/${'n'.repeat(129)}/k`, body: { data: 1 }, status: 400, code: 'VALIDATION_FAILED' },
  { what: 'a key starting with a dot', method: 'PUT', path: '/v1/state/ns/.hidden', body: { data: 1 }, status: 400, code: 'VALIDATION_FAILED' },
  { what: 'a key with a space', method: 'PUT', path: '/v1/state/ns/a%20b', body: { data: 1 }, status: 400, code: 'VALIDATION_FAILED' },
  { what: 'a key with an encoded slash', method: 'PUT', path: '/v1/state/ns/a%2Fb', body: { data: 1 }, status: 400, code: 'VALIDATION_FAILED' },
  { what: 'a key of 256 characters', method: 'GET', path: `/v1/state/ns/${'k'.repeat(256)}`, status: 400, code: 'VALIDATION_FAILED' },
  { what: 'a key with a glob star', method: 'GET', path: '/v1/state/ns/a*', status: 400, code: 'VALIDATION_FAILED' },
  { what: 'a lock name with a brace', method: 'POST', path: '/v1/locks/a%7D', body: { owner: 'o', ttlMs: 1_000 }, status: 400, code: 'VALIDATION_FAILED' },
  // Bodies
  { what: 'a body without data', method: 'PUT', path: '/v1/state/ns/k', body: { value: 1 }, status: 400, code: 'VALIDATION_FAILED' },
  { what: 'an unknown body field', method: 'PUT', path: '/v1/state/ns/k', body: { data: 1, color: 'x' }, status: 400, code: 'VALIDATION_FAILED' },
  { what: 'a body that is not JSON', method: 'PUT', path: '/v1/state/ns/k', rawBody: '{"data": 1', status: 400, code: 'INVALID_JSON' },
  { what: 'a body with __proto__', method: 'PUT', path: '/v1/state/ns/k', rawBody: '{"data": {"__proto__": {"x": 1}}}', status: 400 },
  { what: 'data nested 65 levels deep', method: 'PUT', path: '/v1/state/ns/k', body: { data: deep(65) }, status: 400, code: 'DOCUMENT_TOO_DEEP' },
  { what: 'data nested 100000 levels deep', method: 'PUT', path: '/v1/state/ns/k', rawBody: `{"data":${'['.repeat(100_000)}${']'.repeat(100_000)}}`, status: 400, code: 'JSON_TOO_DEEP' },
  { what: 'oversized data', method: 'PUT', path: '/v1/state/ns/k', body: { data: 'x'.repeat(300_000) }, status: 413, code: 'DOCUMENT_TOO_LARGE' },
  { what: 'a body over the request limit', method: 'PUT', path: '/v1/state/ns/k', body: { data: 'x'.repeat(2_000_000) }, status: 413, code: 'PAYLOAD_TOO_LARGE' },
  // TTLs
  { what: 'a negative TTL', method: 'PUT', path: '/v1/state/ns/k', body: { data: 1, ttlMs: -5 }, status: 400, code: 'VALIDATION_FAILED' },
  { what: 'a zero TTL', method: 'PUT', path: '/v1/state/ns/k', body: { data: 1, ttlMs: 0 }, status: 400, code: 'VALIDATION_FAILED' },
  { what: 'a fractional TTL', method: 'PUT', path: '/v1/state/ns/k', body: { data: 1, ttlMs: 1500.5 }, status: 400, code: 'VALIDATION_FAILED' },
  { what: 'a TTL given as a string', method: 'PUT', path: '/v1/state/ns/k', body: { data: 1, ttlMs: '1000' }, status: 400, code: 'VALIDATION_FAILED' },
  { what: 'a TTL over a year', method: 'PUT', path: '/v1/state/ns/k', body: { data: 1, ttlMs: 400 * 86_400_000 }, status: 400, code: 'VALIDATION_FAILED' },
  { what: 'a negative lock TTL', method: 'POST', path: '/v1/locks/l', body: { owner: 'o', ttlMs: -1 }, status: 400, code: 'VALIDATION_FAILED' },
  { what: 'a lock TTL over a day', method: 'POST', path: '/v1/locks/l', body: { owner: 'o', ttlMs: 86_400_001 }, status: 400, code: 'VALIDATION_FAILED' },
  { what: 'a negative waitMs', method: 'POST', path: '/v1/locks/l', body: { owner: 'o', ttlMs: 1_000, waitMs: -1 }, status: 400, code: 'VALIDATION_FAILED' },
  { what: 'a waitMs over a minute', method: 'POST', path: '/v1/locks/l', body: { owner: 'o', ttlMs: 1_000, waitMs: 60_001 }, status: 400, code: 'VALIDATION_FAILED' },
  { what: 'a lock without owner', method: 'POST', path: '/v1/locks/l', body: { ttlMs: 1_000 }, status: 400, code: 'VALIDATION_FAILED' },
  { what: 'an owner with a control character', method: 'POST', path: '/v1/locks/l', body: { owner: 'a\nb', ttlMs: 1_000 }, status: 400, code: 'VALIDATION_FAILED' },
  { what: 'a malformed lock token', method: 'DELETE', path: '/v1/locks/l', body: { token: 'short' }, status: 400, code: 'VALIDATION_FAILED' },
  { what: 'a release without a token', method: 'DELETE', path: '/v1/locks/l', body: {}, status: 400, code: 'VALIDATION_FAILED' },
  // ETags and preconditions
  { what: 'an unquoted If-Match', method: 'PUT', path: '/v1/state/ns/k', body: { data: 1 }, headers: { 'if-match': '5' }, status: 400, code: 'INVALID_PRECONDITION' },
  { what: 'a half-quoted If-Match', method: 'PUT', path: '/v1/state/ns/k', body: { data: 1 }, headers: { 'if-match': '"5' }, status: 400, code: 'INVALID_PRECONDITION' },
  { what: 'an If-Match list with garbage', method: 'DELETE', path: '/v1/state/ns/k', headers: { 'if-match': '"1", nope' }, status: 400, code: 'INVALID_PRECONDITION' },
  { what: 'an If-Match of 33 tags', method: 'PUT', path: '/v1/state/ns/k', body: { data: 1 }, headers: { 'if-match': Array(33).fill('"1"').join(',') }, status: 400, code: 'INVALID_PRECONDITION' },
  { what: 'an If-None-Match other than * on a write', method: 'PUT', path: '/v1/state/ns/k', body: { data: 1 }, headers: { 'if-none-match': '"3"' }, status: 400, code: 'INVALID_PRECONDITION' },
  { what: 'If-Match and If-None-Match together', method: 'PUT', path: '/v1/state/ns/k', body: { data: 1 }, headers: { 'if-match': '*', 'if-none-match': '*' }, status: 400, code: 'INVALID_PRECONDITION' },
  { what: 'a malformed If-None-Match on a read', method: 'GET', path: '/v1/state/ns/k', headers: { 'if-none-match': 'abc' }, status: 400, code: 'INVALID_PRECONDITION' },
  { what: 'a well-formed ETag that is not a version', method: 'PUT', path: '/v1/state/ns/k', body: { data: 1 }, headers: { 'if-match': '"abc"' }, status: 412, code: 'PRECONDITION_FAILED' },
  { what: 'a PATCH without If-Match', method: 'PATCH', path: '/v1/state/ns/k', body: { a: 1 }, contentType: MERGE_PATCH, status: 428, code: 'PRECONDITION_REQUIRED' },
  // Content types
  { what: 'a PATCH as application/json', method: 'PATCH', path: '/v1/state/ns/k', body: { a: 1 }, headers: { 'if-match': '*' }, status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  { what: 'a PUT as merge-patch', method: 'PUT', path: '/v1/state/ns/k', body: { data: 1 }, contentType: MERGE_PATCH, status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  { what: 'a PUT as text/plain', method: 'PUT', path: '/v1/state/ns/k', rawBody: 'hello', contentType: 'text/plain', status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  { what: 'a PATCH that is not JSON', method: 'PATCH', path: '/v1/state/ns/k', rawBody: '{', headers: { 'if-match': '*' }, contentType: MERGE_PATCH, status: 400 },
  // Fencing headers
  { what: 'a fencing token without its lock', method: 'PUT', path: '/v1/state/ns/k', body: { data: 1 }, headers: { 'x-fencing-token': '3' }, status: 400, code: 'INVALID_FENCING_HEADERS' },
  { what: 'a fencing lock without its token', method: 'PUT', path: '/v1/state/ns/k', body: { data: 1 }, headers: { 'x-fencing-lock': 'l' }, status: 400, code: 'INVALID_FENCING_HEADERS' },
  { what: 'a non-numeric fencing token', method: 'PUT', path: '/v1/state/ns/k', body: { data: 1 }, headers: { 'x-fencing-lock': 'l', 'x-fencing-token': 'abc' }, status: 400, code: 'VALIDATION_FAILED' },
  { what: 'a negative fencing token', method: 'DELETE', path: '/v1/state/ns/k', headers: { 'x-fencing-lock': 'l', 'x-fencing-token': '-2' }, status: 400, code: 'VALIDATION_FAILED' },
  { what: 'an actor of 129 characters', method: 'PUT', path: '/v1/state/ns/k', body: { data: 1 }, headers: { 'x-trellis-actor': 'a'.repeat(129) }, status: 400, code: 'VALIDATION_FAILED' },
  // Listing and watching
  { what: 'a list limit of 0', method: 'GET', path: '/v1/state/ns?limit=0', status: 400, code: 'VALIDATION_FAILED' },
  { what: 'a list limit of 1001', method: 'GET', path: '/v1/state/ns?limit=1001', status: 400, code: 'VALIDATION_FAILED' },
  { what: 'a cursor that is not base64url', method: 'GET', path: '/v1/state/ns?cursor=a%2Bb', status: 400, code: 'VALIDATION_FAILED' },
  { what: 'a cursor this service never issued', method: 'GET', path: `/v1/state/ns?cursor=${Buffer.from('../x').toString('base64url')}`, status: 400, code: 'INVALID_CURSOR' },
  { what: 'a negative afterRevision', method: 'GET', path: '/v1/watch/ns?afterRevision=-1', status: 400, code: 'VALIDATION_FAILED' },
  { what: 'a long-poll timeout over 60 s', method: 'GET', path: '/v1/watch/ns?afterRevision=0&timeoutSeconds=61', status: 400, code: 'VALIDATION_FAILED' },
  { what: 'a Last-Event-ID that is not a revision', method: 'GET', path: '/v1/watch/ns', headers: { 'last-event-id': 'abc' }, status: 400, code: 'INVALID_LAST_EVENT_ID' },
];

describe('state-svc bad input', () => {
  let state: TestState;
  beforeAll(async () => {
    state = await startTestState(testEnv());
    // An existing document, so that refusals can be shown to leave it untouched.
    await call(state.url, 'PUT', '/v1/state/ns/k', { body: { data: 'original' } });
  });
  afterAll(() => state.close());

  it.each(cases)('answers $what with $status problem+json and writes nothing', async (c) => {
    const answer: Answer = await call(state.url, c.method, c.path, {
      ...(c.body !== undefined ? { body: c.body } : {}),
      ...(c.rawBody !== undefined ? { rawBody: c.rawBody } : {}),
      ...(c.headers ? { headers: c.headers } : {}),
      ...(c.contentType ? { contentType: c.contentType } : {}),
    });
    expect(answer.status).toBe(c.status);
    expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(answer.body).toMatchObject({ status: c.status, ...(c.code ? { code: c.code } : {}) });
    const after = await call(state.url, 'GET', '/v1/state/ns/k');
    expect(after.body.data).toBe('original');
  });
});
