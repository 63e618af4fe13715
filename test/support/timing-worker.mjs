// The HTTP client of timing tests, in its own thread: measured like a client on another machine,
// so work the server does after answering does not stretch the measurement.
import { parentPort } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';

const { fetch } = globalThis;

parentPort.on('message', async ({ id, url, method, headers, body }) => {
  try {
    const start = performance.now();
    const res = await fetch(url, { method, headers, body });
    const text = await res.text();
    parentPort.postMessage({ id, ms: performance.now() - start, status: res.status, body: text });
  } catch (err) {
    parentPort.postMessage({ id, error: String(err) });
  }
});
