import { LRUCache } from 'lru-cache';
import type { Policy, PolicyDecision } from './schemas.js';

interface Denial {
  /** Smallest cost known to be denied until `untilMs` (a larger cost is denied too). */
  cost: number;
  untilMs: number;
  decision: PolicyDecision;
}

/**
 * Subjects this instance knows to be over a policy's limit, until they could be admitted again,
 * so a flood of denied calls is answered here without reaching Redis (nothing would be charged
 * for them anyway, unless the policy charges rejected calls: those are then not counted while
 * cached, which only ends the flood's penalty at the same time it would end anyway at worst).
 * Entries are keyed by the policy's revision, so redefining a policy drops them; a reset or
 * reward through this instance drops them at once, through another instance after at most
 * the configured maximum age.
 */
export class DenyCache {
  private readonly entries: LRUCache<string, Denial> | undefined;

  constructor(
    maxKeys: number,
    private readonly maxAgeMs: number,
  ) {
    this.entries = maxKeys > 0 && maxAgeMs > 0 ? new LRUCache<string, Denial>({ max: maxKeys }) : undefined;
  }

  private id(policy: Policy, subject: string): string {
    return `${policy.name}@${policy.revision}\n${subject}`;
  }

  remember(policy: Policy, subject: string, cost: number, decision: PolicyDecision): void {
    if (!this.entries || policy.shadow || !decision.limited) return;
    const waitMs = Math.min(decision.retryAfterMs, this.maxAgeMs);
    if (waitMs <= 0) return;
    this.entries.set(this.id(policy, subject), { cost, untilMs: Date.now() + waitMs, decision }, { ttl: waitMs });
  }

  /** The cached denial of this call, with its wait counted down, if there is one. */
  lookup(policy: Policy, subject: string, cost: number): PolicyDecision | undefined {
    if (!this.entries || policy.shadow) return undefined;
    const denial = this.entries.get(this.id(policy, subject));
    if (!denial || cost < denial.cost) return undefined;
    const retryAfterMs = denial.untilMs - Date.now();
    if (retryAfterMs <= 0) return undefined;
    const elapsedMs = denial.decision.retryAfterMs - retryAfterMs;
    const resetAfterMs = Math.max(denial.decision.resetAfterMs - elapsedMs, retryAfterMs);
    return { ...denial.decision, charged: 0, retryAfterMs, resetAfterMs };
  }

  forget(policy: Policy, subject: string): void {
    this.entries?.delete(this.id(policy, subject));
  }
}
