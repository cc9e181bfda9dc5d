// Start the xdl server: node server/index.js [--port N]  (or PORT=N)

import http from 'node:http';

import { createHandler } from './app.js';

function portFromArgs(argv) {
  const index = argv.indexOf('--port');
  if (index !== -1) return Number(argv[index + 1]);
  const inline = argv.find((arg) => arg.startsWith('--port='));
  return inline ? Number(inline.slice('--port='.length)) : undefined;
}

const port = portFromArgs(process.argv.slice(2)) ?? Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';

if (!process.env.TWEET_API_URL) {
  console.warn('warning: TWEET_API_URL is not set; /api/extract will fail');
}

const server = http.createServer(createHandler());
server.listen(port, host, () => {
  console.log(`xdl listening on http://${host}:${port}`);
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
