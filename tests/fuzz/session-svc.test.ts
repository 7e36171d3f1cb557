import { fuzzService } from '../src/fuzz-run.js';

fuzzService('session-svc');
