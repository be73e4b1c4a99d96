import type { FastifyInstance } from 'fastify';

/**
 * Body formats beyond JSON: `application/merge-patch+json` (RFC 7396, used by PATCH) parses as
 * JSON; `text/csv` arrives as a string for the import endpoints to parse row by row.
 */
export function registerContentTypes(fastify: FastifyInstance): void {
  fastify.addContentTypeParser(
    'application/merge-patch+json',
    { parseAs: 'string' },
    (_request, body: string, done) => {
      try {
        done(null, body.length === 0 ? undefined : JSON.parse(body));
      } catch (error) {
        const failure = error as Error & { statusCode?: number };
        failure.statusCode = 400;
        done(failure, undefined);
      }
    },
  );
  fastify.addContentTypeParser('text/csv', { parseAs: 'string' }, (_request, body: string, done) => {
    done(null, body);
  });
}
