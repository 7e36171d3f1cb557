/**
 * JSON Merge Patch (RFC 7396): `null` removes a member, objects merge recursively, anything else
 * (arrays included) replaces the target whole. Written here rather than taken from npm: the
 * common package silently stops half-way through a patch holding a `__proto__` or `constructor`
 * member, which would be a partial write. This version never mutates its inputs and defines
 * members as plain data properties, so no name can reach an object's prototype.
 */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return patch;
  const result: Record<string, unknown> = {};
  if (isObject(target)) {
    for (const [name, value] of Object.entries(target)) define(result, name, value);
  }
  for (const [name, value] of Object.entries(patch)) {
    if (value === null) delete result[name];
    else define(result, name, applyMergePatch(Object.hasOwn(result, name) ? result[name] : undefined, value));
  }
  return result;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function define(target: Record<string, unknown>, name: string, value: unknown): void {
  Object.defineProperty(target, name, { value, enumerable: true, writable: true, configurable: true });
}
