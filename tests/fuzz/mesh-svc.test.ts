import { SERVICE_NAMES } from '@trellis/testkit';
import { fuzzService } from '../src/fuzz-run.js';

// The stack's own services are destinations mesh-svc can resolve and proxy to, with paths they serve.
fuzzService('mesh-svc', {
  seeds: { destination: [...SERVICE_NAMES], source: [...SERVICE_NAMES], '*': ['livez', 'readyz', 'health', 'openapi.json', 'v1/services', 'v1/flags', 'v1/policies'] },
});
