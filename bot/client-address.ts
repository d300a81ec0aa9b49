import type { IncomingMessage } from 'node:http';
import proxyAddr from 'proxy-addr';
import type { TrustProxy } from '../domain/trust-proxy.js';

/** The address a request came from, for rate limits and the audit log. */
export type ClientAddress = (req: IncomingMessage) => string;

/**
 * The one place that decides a caller's address. proxy-addr (Express's) walks `X-Forwarded-For` from the socket's
 * address leftwards and stops at the first hop not trusted, so entries a caller adds to the left are never believed
 * beyond the trusted proxies; with nothing trusted the header is ignored and the socket's address is the caller's.
 */
export function clientAddressResolver(trust: TrustProxy): ClientAddress {
  const trusted =
    trust.kind === 'hops'
      ? (_address: string, hop: number) => hop < trust.hops
      : trust.kind === 'addresses'
        ? proxyAddr.compile(trust.ranges)
        : () => false;
  return (req) => {
    if (!req.socket.remoteAddress) return 'unknown';
    return proxyAddr(req, trusted);
  };
}
