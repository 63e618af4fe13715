import { Worker } from 'node:worker_threads';
import type { MjmlOptions } from 'mjml';

/** What a failed MJML run reports: the per-line problems of strict validation, when it has them. */
export class MjmlRenderError extends Error {
  constructor(
    message: string,
    readonly errors: readonly { line: number; tagName: string; message: string }[] | undefined,
  ) {
    super(message);
  }
}

type Pending = { resolve: (html: string) => void; reject: (err: Error) => void };

/**
 * MJML in a worker thread that lives as long as one compilation of templates. MJML's module graph
 * is ~50 MB of resident memory and, once imported, an ES module is never unloaded: compiled in the
 * api's own thread, a boot whose template cache is cold (the first `npm start`, every fresh
 * container: the cache folder is not in the image) kept it for the life of the process, 255 MB
 * after boot instead of 185. A worker thread's heap goes when the thread ends (measured: 110 MB
 * while compiling, 59 MB after, against 99 MB held when MJML ran in the main thread). A boot with a
 * warm cache never starts one.
 */
export class MjmlRenderer {
  private worker: Worker | null = null;
  private failure: Error | null = null;
  private nextId = 0;
  private readonly pending = new Map<number, Pending>();

  render(document: string, options: MjmlOptions): Promise<string> {
    if (this.failure) return Promise.reject(this.failure);
    const worker = (this.worker ??= this.start());
    const id = this.nextId++;
    return new Promise<string>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, document, options });
    });
  }

  /** Ends the thread (and with it MJML's memory); a later render starts a new one. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.failure = null;
    if (worker) await worker.terminate();
  }

  private start(): Worker {
    const worker = new Worker(new URL('./mjml-worker.mjs', import.meta.url));
    worker.on('message', (msg: { id: number; html?: string; error?: { message: string; errors?: MjmlRenderError['errors'] } }) => {
      const waiting = this.pending.get(msg.id);
      if (!waiting) return;
      this.pending.delete(msg.id);
      if (msg.error) waiting.reject(new MjmlRenderError(msg.error.message, msg.error.errors));
      else waiting.resolve(msg.html ?? '');
    });
    // A thread that cannot load MJML or dies fails every template waiting on it, by name, rather than hanging the boot.
    const fail = (err: Error) => {
      if (this.worker !== worker) return;
      this.failure = err;
      for (const waiting of this.pending.values()) waiting.reject(err);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the MJML worker thread exited with code ${code}`)));
    return worker;
  }
}
