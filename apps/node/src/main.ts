import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { JsonLogger, MetricsRegistry, createRootLogger } from '@kaf/observability';
import { ProblemDetailsFilter, createValidationPipe } from '@kaf/platform';
import { AppModule } from './app.module';
import { ConfigError, configWarnings, loadNodeConfig } from './config/node-config';
import { packageVersion } from './config/package-version';
import { registerContentTypes } from './http/content-types';
import { installHttpHooks } from './http/http-hooks';
import { serveOpenApi } from './openapi';

async function bootstrap(): Promise<void> {
  let config;
  try {
    config = loadNodeConfig(process.env, packageVersion());
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`kaf-node: ${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
  const { env, node } = config;
  const root = createRootLogger({ nodeCode: node.code, tier: node.tier, level: env.LOG_LEVEL });
  for (const warning of configWarnings(env)) root.warn({ msg: warning });

  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forNode(config),
    new FastifyAdapter({ bodyLimit: 10 * 1024 * 1024, return503OnClosing: true }),
    { logger: new JsonLogger(root), bufferLogs: true },
  );
  const metrics = app.get(MetricsRegistry);
  metrics.setDefaultLabels({ node: node.code, tier: node.tier });
  installHttpHooks(app.getHttpAdapter().getInstance(), root, metrics);
  registerContentTypes(app.getHttpAdapter().getInstance());
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  serveOpenApi(app, config);

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    root.info({ msg: 'shutdown requested', signal });
    const timer = setTimeout(() => {
      root.error({ msg: 'shutdown timed out; exiting', timeoutMs: env.SHUTDOWN_TIMEOUT_MS });
      process.exit(1);
    }, env.SHUTDOWN_TIMEOUT_MS);
    timer.unref();
    app
      .close()
      .then(() => {
        root.info({ msg: 'stopped cleanly' });
        process.exit(0);
      })
      .catch((error: unknown) => {
        root.error({ msg: 'error during shutdown', error: String(error) });
        process.exit(1);
      });
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);

  await app.listen(env.HTTP_PORT, env.HTTP_HOST);
  root.info({
    msg: 'node started',
    port: env.HTTP_PORT,
    parent: node.parent ?? null,
    version: config.version,
  });
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(
    `kaf-node: failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
