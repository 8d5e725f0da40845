// Helper of server-and-tests.mjs: an HTTP server that answers "pong" and logs requests.
// Usage: node examples/tiny-server.mjs [PORT]   (default: a free port, printed)
import { createServer } from 'node:http';

const server = createServer((request, response) => {
  console.log(`${request.method} ${request.url}`);
  response.end('pong');
});
server.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => console.log(`listening on port ${server.address().port}`));
