/**
 * REGEX constraint operator: patterns use RE2 syntax (as Unleash's engine
 * does). They are translated to a JavaScript RegExp with the `u` flag:
 *
 * - POSIX classes inside brackets ([[:alpha:]], ...) are expanded;
 * - inline flags (?i) (?m) (?s) and (?ims:...) groups are supported, but are
 *   applied to the whole pattern (JavaScript on Node 20 has no scoped flags);
 * - \A and \z become look-arounds, \Q...\E quotes, \x{...} and \p{...} work;
 * - what RE2 rejects is rejected: backreferences, look-arounds, atomic groups.
 *
 * A pattern that cannot be translated makes the constraint invalid.
 */

const POSIX_CLASSES: Record<string, string> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7F',
  blank: '\\t ',
  cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

/** characters that may be escaped with a backslash in a `u` RegExp */
const SYNTAX_CHARS = '^$\\.*+?()[]{}|/';

export class RegexTranslationError extends Error {}

function hexEscape(cp: number): string {
  return `\\u{${cp.toString(16)}}`;
}

function literal(ch: string): string {
  const cp = ch.codePointAt(0) as number;
  if (SYNTAX_CHARS.includes(ch) || ch === '-') return `\\${ch}`;
  if (cp < 0x20 || cp === 0x7f) return hexEscape(cp);
  return ch;
}

function unicodeProperty(name: string, negated: boolean): string {
  const p = negated ? 'P' : 'p';
  for (const candidate of [name, `Script=${name}`]) {
    try {
      new RegExp(`\\${p}{${candidate}}`, 'u');
      return `\\${p}{${candidate}}`;
    } catch {
      // try the next spelling
    }
  }
  throw new RegexTranslationError(`unknown Unicode class \\${p}{${name}}`);
}

interface Translated {
  source: string;
  flags: string;
}

/** Translates an RE2 pattern to a JavaScript source + flags (without `u`). */
export function translateRe2(pattern: string): Translated {
  const flags = new Set<string>();
  let out = '';
  let i = 0;
  const n = pattern.length;

  const addFlags = (f: string): void => {
    for (const c of f) {
      if (c === 'i' || c === 'm' || c === 's') flags.add(c);
      else throw new RegexTranslationError(`unsupported inline flag "${c}"`);
    }
  };

  // Reads an escape at pattern[i] === '\\'; returns its JS form and advances i.
  const readEscape = (inClass: boolean): string => {
    const c = pattern[i + 1];
    if (c === undefined) throw new RegexTranslationError('trailing backslash');
    i += 2;
    switch (c) {
      case 'd':
      case 'D':
      case 'w':
      case 'W':
      case 's':
      case 'S':
      case 't':
      case 'n':
      case 'r':
      case 'f':
      case 'v':
        return `\\${c}`;
      case 'b':
      case 'B':
        if (inClass) throw new RegexTranslationError(`\\${c} is not allowed in a character class`);
        return `\\${c}`;
      case 'a':
        return '\\x07';
      case 'A':
        if (inClass) throw new RegexTranslationError('\\A is not allowed in a character class');
        return '(?<![\\s\\S])';
      case 'z':
        if (inClass) throw new RegexTranslationError('\\z is not allowed in a character class');
        return '(?![\\s\\S])';
      case 'x': {
        if (pattern[i] === '{') {
          const end = pattern.indexOf('}', i);
          const hex = end === -1 ? '' : pattern.slice(i + 1, end);
          if (!/^[0-9a-fA-F]{1,6}$/.test(hex) || Number.parseInt(hex, 16) > 0x10ffff) {
            throw new RegexTranslationError('bad \\x{...} escape');
          }
          i = end + 1;
          return hexEscape(Number.parseInt(hex, 16));
        }
        const hex = pattern.slice(i, i + 2);
        if (!/^[0-9a-fA-F]{2}$/.test(hex)) throw new RegexTranslationError('bad \\x escape');
        i += 2;
        return `\\x${hex}`;
      }
      case 'p':
      case 'P': {
        let name: string;
        if (pattern[i] === '{') {
          const end = pattern.indexOf('}', i);
          if (end === -1) throw new RegexTranslationError('unterminated \\p{...}');
          name = pattern.slice(i + 1, end);
          i = end + 1;
        } else {
          name = pattern[i] ?? '';
          i += 1;
        }
        let negated = c === 'P';
        if (name.startsWith('^')) {
          negated = !negated;
          name = name.slice(1);
        }
        if (!/^[A-Za-z_]+$/.test(name)) throw new RegexTranslationError(`bad Unicode class name "${name}"`);
        return unicodeProperty(name, negated);
      }
      case '0': {
        // octal: \0, \0N, \0NN
        let oct = '';
        while (oct.length < 2 && pattern[i] !== undefined && /[0-7]/.test(pattern[i] as string)) {
          oct += pattern[i];
          i++;
        }
        return hexEscape(oct === '' ? 0 : Number.parseInt(oct, 8));
      }
      default:
        if (c >= '1' && c <= '9') throw new RegexTranslationError('backreferences are not supported');
        if (/[A-Za-z]/.test(c)) throw new RegexTranslationError(`unsupported escape \\${c}`);
        {
          const cp = pattern.codePointAt(i - 1) as number;
          if (cp > 0xffff) i++;
          return SYNTAX_CHARS.includes(c) || (inClass && c === '-') ? `\\${c}` : hexEscape(cp);
        }
    }
  };

  const readClass = (): string => {
    // pattern[i] === '['
    let res = '[';
    i++;
    if (pattern[i] === '^') {
      res += '^';
      i++;
    }
    let first = true;
    for (;;) {
      if (i >= n) throw new RegexTranslationError('missing closing ]');
      const c = pattern[i] as string;
      if (c === ']' && !first) {
        i++;
        return `${res}]`;
      }
      first = false;
      if (c === '[' && pattern[i + 1] === ':') {
        const end = pattern.indexOf(':]', i + 2);
        if (end !== -1) {
          let name = pattern.slice(i + 2, end);
          const negated = name.startsWith('^');
          if (negated) name = name.slice(1);
          const expansion = POSIX_CLASSES[name];
          if (expansion === undefined) throw new RegexTranslationError(`unknown POSIX class [:${name}:]`);
          if (negated) throw new RegexTranslationError('negated POSIX classes are not supported');
          res += expansion;
          i = end + 2;
          continue;
        }
      }
      if (c === '\\') {
        res += readEscape(true);
        continue;
      }
      if (c === '[' || c === ']') {
        res += `\\${c}`;
        i++;
        continue;
      }
      const cp = pattern.codePointAt(i) as number;
      const ch = String.fromCodePoint(cp);
      res += cp < 0x20 || cp === 0x7f ? hexEscape(cp) : ch;
      i += ch.length;
    }
  };

  while (i < n) {
    const c = pattern[i] as string;
    if (c === '\\') {
      if (pattern[i + 1] === 'Q') {
        const end = pattern.indexOf('\\E', i + 2);
        const text = pattern.slice(i + 2, end === -1 ? n : end);
        for (const ch of text) out += literal(ch);
        i = end === -1 ? n : end + 2;
        continue;
      }
      out += readEscape(false);
      continue;
    }
    if (c === '[') {
      out += readClass();
      continue;
    }
    if (c === '(') {
      if (pattern[i + 1] !== '?') {
        out += '(';
        i++;
        continue;
      }
      const rest = pattern.slice(i + 2);
      const named = /^P?<([A-Za-z_][A-Za-z0-9_]*)>/.exec(rest);
      if (named) {
        out += `(?<${named[1]}>`;
        i += 2 + named[0].length;
        continue;
      }
      if (rest.startsWith(':')) {
        out += '(?:';
        i += 3;
        continue;
      }
      const flagGroup = /^([A-Za-z]+)(\)|:)/.exec(rest);
      if (flagGroup) {
        addFlags(flagGroup[1] as string);
        out += flagGroup[2] === ':' ? '(?:' : '';
        i += 2 + flagGroup[0].length;
        continue;
      }
      if (/^(=|!|<=|<!)/.test(rest)) throw new RegexTranslationError('look-around assertions are not supported');
      throw new RegexTranslationError(`unsupported group syntax "(?${rest.slice(0, 2)}"`);
    }
    if (c === '{') {
      const q = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i));
      if (q) {
        if (Number(q[1]) > 1000 || (q[3] !== undefined && q[3] !== '' && Number(q[3]) > 1000)) {
          throw new RegexTranslationError('repetition count larger than 1000');
        }
        out += q[0];
        i += q[0].length;
        continue;
      }
      out += '\\{';
      i++;
      continue;
    }
    if (c === '}' || c === ']') {
      out += `\\${c}`;
      i++;
      continue;
    }
    const cp = pattern.codePointAt(i) as number;
    const ch = String.fromCodePoint(cp);
    out += cp < 0x20 || cp === 0x7f ? hexEscape(cp) : ch;
    i += ch.length;
  }
  return { source: out, flags: [...flags].sort().join('') };
}

/**
 * Compiles an RE2-syntax pattern into a RegExp; throws RegexTranslationError
 * with a readable message when the pattern is invalid or unsupported.
 */
export function compileRe2(pattern: string, caseInsensitive = false): RegExp {
  const { source, flags } = translateRe2(pattern);
  let f = flags;
  if (caseInsensitive && !f.includes('i')) f += 'i';
  try {
    return new RegExp(source, `${f}u`);
  } catch (err) {
    throw new RegexTranslationError(`invalid regular expression: ${(err as Error).message}`);
  }
}
