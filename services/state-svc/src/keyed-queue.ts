/**
 * Runs tasks one at a time per key, in arrival order. state-svc queues merge patches of one
 * document in-process, so patches arriving at the same instance never race each other's
 * compare-and-set; across instances the CAS (and its retry) still decides.
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.catch(() => {});
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}
