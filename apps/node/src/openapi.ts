import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NodeConfig } from './config/node-config';

/** Serves the node's OpenAPI document at /api/docs-json and a browsable UI at /api/docs. */
export function serveOpenApi(app: INestApplication, config: NodeConfig): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(`Key-account federation — ${config.node.name} (${config.node.code}, ${config.tier})`)
      .setDescription('REST API of one federation node. Errors are RFC 9457 problem+json.')
      .setVersion(config.version)
      .addBearerAuth()
      .addSecurityRequirements('bearer')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}
