import { fuzzService } from '../src/fuzz-run.js';

fuzzService('config-svc');
