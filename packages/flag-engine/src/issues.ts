import type { FlagIssue, IssueSeverity } from './types.js';

/** Collects issues while a document is compiled; compile never throws mid-way. */
export class IssueCollector {
  readonly list: FlagIssue[] = [];

  add(severity: IssueSeverity, path: string, message: string): void {
    this.list.push({ path, message, severity });
  }

  fatal(path: string, message: string): void {
    this.add('fatal', path, message);
  }

  error(path: string, message: string): void {
    this.add('error', path, message);
  }

  warn(path: string, message: string): void {
    this.add('warning', path, message);
  }
}

export function formatIssue(issue: FlagIssue): string {
  return issue.path === '' ? issue.message : `${issue.path}: ${issue.message}`;
}

/** Thrown by compileFlags for a document it rejects; `issues` lists every problem found. */
export class FlagValidationError extends Error {
  readonly issues: readonly FlagIssue[];

  constructor(issues: readonly FlagIssue[]) {
    const shown = issues.slice(0, 5).map(formatIssue).join('; ');
    const more = issues.length > 5 ? `; and ${issues.length - 5} more` : '';
    super(
      `Invalid flags document (${issues.length} problem${issues.length === 1 ? '' : 's'}): ${shown}${more}`,
    );
    this.name = 'FlagValidationError';
    this.issues = issues;
  }
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${String(v)}`;
}
