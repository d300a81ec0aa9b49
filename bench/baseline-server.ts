import type { AddressInfo } from 'node:net';
import restify, { type Request, type Response, type Server } from 'restify';

const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>';

/**
 * The bare restify 12 server the inbound webhook is compared with: the same body parser, answering the same
 * form posts with 200 and the empty TwiML, doing nothing else.
 */
export async function startBaselineServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server = restify.createServer({ name: 'baseline', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ mapParams: false, maxBodySize: 64 * 1024 }));
  server.post('/twilio/inbound', async (_req: Request, res: Response) => {
    res.sendRaw(200, EMPTY_TWIML, { 'Content-Type': 'text/xml' });
  });
  return listenOnLoopback(server);
}

/** Listens on a free port of 127.0.0.1; gives the URL and a close that waits for the server to stop. */
export async function listenOnLoopback(server: Server): Promise<{ url: string; close(): Promise<void> }> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
