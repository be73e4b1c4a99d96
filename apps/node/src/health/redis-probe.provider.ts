import type { OnApplicationShutdown, Provider } from '@nestjs/common';
import { Redis } from 'ioredis';

export const REDIS_PROBE = Symbol('REDIS_PROBE');

/** A dedicated, fail-fast Redis connection for readiness checks (queues keep their own). */
export function redisProbeProvider(url: string): Provider {
  return {
    provide: REDIS_PROBE,
    useFactory: () => {
      const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: true });
      client.on('error', () => undefined); // surfaced through the readiness check instead
      return Object.assign(client, {
        onApplicationShutdown: () => client.quit().catch(() => undefined),
      } satisfies OnApplicationShutdown);
    },
  };
}
