import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';

export interface Timed {
  readonly ms: number;
  readonly status: number;
  readonly body: unknown;
}

/**
 * Times requests to the app from a separate thread over a real socket. A client in the test's own
 * event loop would also be timing whatever the server does just after answering.
 */
export class TimingClient {
  private next = 0;
  private readonly waiting = new Map<
    number,
    (r: { ms: number; status: number; body: string; error?: string }) => void
  >();

  private constructor(
    private readonly worker: Worker,
    private readonly base: string,
  ) {
    worker.on(
      'message',
      (m: { id: number; ms: number; status: number; body: string; error?: string }) => {
        this.waiting.get(m.id)?.(m);
        this.waiting.delete(m.id);
      },
    );
  }

  static async start(app: NestFastifyApplication): Promise<TimingClient> {
    const server = app.getHttpServer();
    if (!server.listening)
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return new TimingClient(
      new Worker(new URL('./timing-worker.mjs', import.meta.url)),
      `http://127.0.0.1:${port}`,
    );
  }

  async post(path: string, tenant: string, body: unknown): Promise<Timed> {
    const id = ++this.next;
    const reply = await new Promise<{ ms: number; status: number; body: string; error?: string }>(
      (resolve) => {
        this.waiting.set(id, resolve);
        this.worker.postMessage({
          id,
          url: `${this.base}${path}`,
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-tenant': tenant },
          body: JSON.stringify(body),
        });
      },
    );
    if (reply.error) throw new Error(reply.error);
    return { ms: reply.ms, status: reply.status, body: JSON.parse(reply.body) as unknown };
  }

  close(): Promise<number> {
    return this.worker.terminate();
  }
}

/** The median of the times. */
export function medianMs(runs: readonly Timed[]): number {
  const sorted = runs.map((r) => r.ms).sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
