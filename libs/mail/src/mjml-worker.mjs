// MJML for template compilation, in a worker thread of its own (see mjml-renderer.ts for why).
// Plain JavaScript: a worker thread runs outside the test runner's TypeScript transform.
import { parentPort } from 'node:worker_threads';
import mjml2html from 'mjml';

parentPort.on('message', ({ id, document, options }) => {
  mjml2html(document, options).then(
    (result) => parentPort.postMessage({ id, html: result.html }),
    (err) =>
      parentPort.postMessage({
        id,
        error: {
          message: err instanceof Error ? err.message : String(err),
          // Strict validation lists every problem with its line; only plain fields cross the thread.
          errors: Array.isArray(err?.errors)
            ? err.errors.map((e) => ({ line: e.line, tagName: e.tagName, message: e.message }))
            : undefined,
        },
      }),
  );
});
