import { HttpProblem } from '@trellis/service-kit';

export const etagOf = (version: number) => `"${version}"`;

const ENTITY_TAG = /^(W\/)?"([\x21\x23-\x7E\x80-\xFF]*)"$/;

/**
 * If-Match (RFC 9110 §13.1.1) as the scripts take it: '' (absent), '*', or ',v1,v2,' listing the
 * versions that match. Comparison is strong: a weak tag, or one that is no version of ours, can
 * never match (412); a header that is not entity-tag syntax is a 400.
 */
export function parseIfMatch(header: string | string[] | undefined): string {
  if (header === undefined) return '';
  const text = (Array.isArray(header) ? header.join(',') : header).trim();
  if (text === '*') return '*';
  const versions: string[] = [];
  for (const part of text.split(',')) {
    const match = ENTITY_TAG.exec(part.trim());
    if (!match) throw new HttpProblem(400, 'INVALID_IF_MATCH', 'If-Match must be "*" or a list of entity tags such as "3"');
    if (!match[1] && /^[1-9]\d{0,14}$/.test(match[2]!)) versions.push(match[2]!);
  }
  return `,${versions.join(',')},`;
}
