import { fuzzService } from '../src/fuzz-run.js';

// A flag's name is what OFREP calls its key; an import may replace every flag, so it runs last.
fuzzService('flags-svc', { aliases: { name: ['key'] }, runLast: ['importFlags'] });
