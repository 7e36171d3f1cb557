import { Counter, Histogram, type Registry } from 'prom-client';

export interface CheckerMetrics {
  checks: Counter<'type' | 'result' | 'outcome'>;
  checkDuration: Histogram<'type'>;
  deregistrations: Counter<'outcome'>;
}

/** The checker's Prometheus series, on the app's own registry (served at /metrics). */
export function createCheckerMetrics(registry: Registry): CheckerMetrics {
  return {
    checks: new Counter({
      name: 'health_checks_total',
      help: 'Checks this replica ran, by check type, result and what became of the result',
      labelNames: ['type', 'result', 'outcome'] as const,
      registers: [registry],
    }),
    checkDuration: new Histogram({
      name: 'health_check_duration_seconds',
      help: 'How long probes took',
      labelNames: ['type'] as const,
      buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    deregistrations: new Counter({
      name: 'health_deregistrations_total',
      help: 'Instances deregistered from registry-svc after being critical for deregisterCriticalAfterMs',
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
  };
}
