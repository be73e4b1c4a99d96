import { Injectable } from '@nestjs/common';

/** The last thing that went wrong in messaging, for status reports and readiness. */
@Injectable()
export class MessagingHealth {
  private lastError: { message: string; at: Date } | undefined;

  recordError(where: string, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    this.lastError = { message: `${where}: ${message}`, at: new Date() };
  }

  get latestError(): { message: string; at: Date } | undefined {
    return this.lastError;
  }
}
