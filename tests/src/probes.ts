/** One request per service that must touch Redis: used to see each service fail and recover. */
export interface Probe {
  method: 'GET' | 'PUT' | 'POST';
  path: string;
  body?: () => unknown;
}

const PROBES: Record<string, Probe> = {
  'registry-svc': { method: 'GET', path: '/v1/services/probe/instances' },
};

export function probesFor(urls: Record<string, string>): { service: string; probe: Probe; url: string }[] {
  return Object.entries(urls)
    .filter(([service]) => PROBES[service])
    .map(([service, url]) => ({ service, probe: PROBES[service]!, url }));
}
