import type { FastifyInstance } from 'fastify';
import { HttpProblem } from './problem.js';

/** How deep a JSON body may nest by default: far beyond any Trellis document, far below a stack overflow. */
export const DEFAULT_MAX_JSON_DEPTH = 64;

/**
 * Whether `text` (JSON) nests arrays and objects deeper than `maxDepth`. One pass over the
 * characters, no recursion, so that the check itself cannot overflow whatever it is given;
 * brackets inside strings do not count. Malformed text is left to the parser.
 */
export function jsonDeeperThan(text: string, maxDepth: number): boolean {
  // Each level takes at least one character.
  if (text.length <= maxDepth) return false;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === 0x5c) i += 1; // a backslash escapes the next character
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) {
      inString = true;
    } else if (char === 0x7b || char === 0x5b) {
      depth += 1;
      if (depth > maxDepth) return true;
    } else if (char === 0x7d || char === 0x5d) {
      depth -= 1;
    }
  }
  return false;
}

/**
 * JSON bodies (application/json and the service's other JSON media types, such as
 * application/merge-patch+json) are parsed by Fastify's own parser (prototype poisoning is an
 * error) after a depth check: code that walks a document recursively (validation, merge patch,
 * encoding) would otherwise overflow its stack on a body nested thousands of levels deep and
 * answer 500. Too deep is a 400 JSON_TOO_DEEP.
 */
export function registerJsonBody(app: FastifyInstance, maxDepth: number, mediaTypes: string[] = []): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  for (const mediaType of ['application/json', ...mediaTypes]) {
    app.addContentTypeParser(mediaType, { parseAs: 'string' }, (request, body, done) => {
      const text = typeof body === 'string' ? body : body.toString('utf8');
      if (jsonDeeperThan(text, maxDepth)) {
        done(new HttpProblem(400, 'JSON_TOO_DEEP', `The body nests arrays and objects more than ${maxDepth} levels deep`), undefined);
        return;
      }
      parse(request, text, done);
    });
  }
}
