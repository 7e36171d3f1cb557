import { SERVICE_NAMES } from '@trellis/testkit';
import { fuzzService } from '../src/fuzz-run.js';

// The stack's own services are names registry-svc knows: requests about them reach past "not found".
fuzzService('registry-svc', { seeds: { service: [...SERVICE_NAMES], instanceId: SERVICE_NAMES.map((name) => `${name}-1`) } });
