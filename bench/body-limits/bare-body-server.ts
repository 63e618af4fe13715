/**
 * The baseline for what a JSON body must cost at least: a bare node:http server in its own
 * process that reads the body, parses it with JSON.parse and answers 422. No limits, no DTO.
 */
import http from 'node:http';

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    let status = 422;
    try {
      JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      status = 400;
    }
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end('{"status":' + status + '}');
  });
});
server.listen(0, '127.0.0.1', () => {
  process.send!({ port: (server.address() as { port: number }).port });
});
process.on('message', () => server.close(() => process.exit(0)));
