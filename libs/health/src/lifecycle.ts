import { Injectable } from '@nestjs/common';

/**
 * Whether this app is draining: it received SIGTERM and still serves every request, while
 * readiness answers 503 so the load balancer sends new requests to other processes, and each
 * answer closes its connection so no client keeps sending on it. The server closes after the
 * drain delay (SHUTDOWN_DRAIN_SECONDS).
 */
@Injectable()
export class Lifecycle {
  private drainingSince: Date | null = null;

  beginDrain(): void {
    this.drainingSince ??= new Date();
  }

  get draining(): boolean {
    return this.drainingSince !== null;
  }
}
