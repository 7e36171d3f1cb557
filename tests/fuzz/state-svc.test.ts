import { fuzzService } from '../src/fuzz-run.js';

fuzzService('state-svc');
