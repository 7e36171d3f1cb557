import { fuzzService } from '../src/fuzz-run.js';

fuzzService('limits-svc');
