import { fileURLToPath } from 'node:url';
import { createServiceDeps, writeOpenApiDocument } from '@trellis/service-kit';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';

// Builds the app against a Redis it never connects to: the document needs routes, not data.
const config = loadConfig({ INSTANCE_ID: 'openapi' });
const deps = createServiceDeps(config, { connect: false });
const app = await buildApp(config, deps, { background: false });
await writeOpenApiDocument(app, fileURLToPath(new URL('../openapi.json', import.meta.url)));
deps.redis.disconnect();
await deps.changeLog.close();
