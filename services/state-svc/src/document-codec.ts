import { HttpProblem } from '@trellis/service-kit';

export interface DocumentLimits {
  maxBytes: number;
  maxDepth: number;
}

/** Nesting depth of a JSON value, measured without recursion so no input can overflow the stack. */
export function jsonDepth(value: unknown, stopAbove: number): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    if (depth > deepest) deepest = depth;
    if (deepest > stopAbove) return deepest;
    for (const child of Array.isArray(node) ? node : Object.values(node)) {
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
    }
  }
  return deepest;
}

/**
 * Serialises a document's data for storage, enforcing the limits: too deep is a 400 (it is a
 * shape problem), too large a 413. The text written is what every reader gets back.
 */
export function encodeDocumentData(data: unknown, limits: DocumentLimits): string {
  if (jsonDepth(data, limits.maxDepth) > limits.maxDepth) {
    throw new HttpProblem(400, 'DOCUMENT_TOO_DEEP', `data nests deeper than ${limits.maxDepth} levels`, {
      extensions: { maxDepth: limits.maxDepth },
    });
  }
  const text = JSON.stringify(data);
  const bytes = Buffer.byteLength(text);
  if (bytes > limits.maxBytes) {
    throw new HttpProblem(413, 'DOCUMENT_TOO_LARGE', `data is ${bytes} bytes as JSON; the limit is ${limits.maxBytes}`, {
      extensions: { maxBytes: limits.maxBytes, bytes },
    });
  }
  return text;
}
