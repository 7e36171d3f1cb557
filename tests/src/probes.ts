/** One request per service that must touch Redis: used to see each service fail and recover. */
export interface Probe {
  method: 'GET' | 'PUT' | 'POST';
  path: string;
  body?: () => unknown;
}

const PROBES: Record<string, Probe> = {
  'registry-svc': { method: 'GET', path: '/v1/services/probe/instances' },
  // (a service without instances is 503 by design, as in Consul: probe its check settings)
  'health-svc': { method: 'GET', path: '/v1/health/services/probe/check' },
  'mesh-svc': { method: 'GET', path: '/v1/routes/probe/target' },
  'session-svc': { method: 'POST', path: '/v1/sessions', body: () => ({ userId: 'probe', data: {} }) },
  'config-svc': { method: 'GET', path: '/v1/config/probe%2Fns' },
  'flags-svc': { method: 'GET', path: '/v1/flags?environment=probe' },
  'limits-svc': { method: 'POST', path: '/v1/counters/probe/increment', body: () => ({ by: 1 }) },
  'state-svc': { method: 'GET', path: '/v1/state/probe/doc' },
};

export function probesFor(urls: Record<string, string>): { service: string; probe: Probe; url: string }[] {
  return Object.entries(urls)
    .filter(([service]) => PROBES[service])
    .map(([service, url]) => ({ service, probe: PROBES[service]!, url }));
}
