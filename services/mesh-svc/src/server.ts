import { startService } from '@trellis/service-kit';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';

const config = loadConfig();
await startService(config, buildApp, { healthPath: '/readyz' });
