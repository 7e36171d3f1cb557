/**
 * `next(value)` at once when `value` is already at hand, or once it settles when it is a promise.
 * Hot paths whose data is usually in memory (a cached denial, a flags snapshot) answer through
 * this without making a promise and a microtask of every request.
 */
export function thenOrNow<T, R>(value: T | Promise<T>, next: (settled: T) => R | Promise<R>): R | Promise<R> {
  return value instanceof Promise ? value.then(next) : next(value);
}
