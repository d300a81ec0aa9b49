import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { parseTrustProxy } from '../domain/trust-proxy.js';
import { clientAddressResolver } from './client-address.js';

const request = (socketAddress: string | undefined, forwardedFor?: string) =>
  ({ socket: { remoteAddress: socketAddress }, headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor } }) as unknown as IncomingMessage;

const resolve = (trustProxy: string | undefined, socketAddress: string | undefined, forwardedFor?: string) =>
  clientAddressResolver(parseTrustProxy(trustProxy)!)(request(socketAddress, forwardedFor));

describe('the client address of a request', () => {
  it('is the socket address when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(resolve(undefined, '127.0.0.1', '203.0.113.9')).toBe('127.0.0.1');
    expect(resolve(undefined, '198.51.100.4', '203.0.113.9, 10.0.0.1')).toBe('198.51.100.4');
    expect(resolve(undefined, '127.0.0.1')).toBe('127.0.0.1');
  });

  it('is the entry the trusted hops saw: spoofed entries further left are not believed', () => {
    expect(resolve('1', '127.0.0.1', '203.0.113.9')).toBe('203.0.113.9');
    expect(resolve('1', '127.0.0.1', '198.51.100.1, 203.0.113.9')).toBe('203.0.113.9');
    expect(resolve('2', '127.0.0.1', '198.51.100.1, 203.0.113.9, 10.0.0.5')).toBe('203.0.113.9');
    // No header behind a trusted hop: the hop itself is all that is known.
    expect(resolve('1', '127.0.0.1')).toBe('127.0.0.1');
  });

  it('walks back only through proxies at the trusted addresses', () => {
    const trust = '127.0.0.1/32,10.0.0.0/8';
    expect(resolve(trust, '127.0.0.1', '198.51.100.1, 203.0.113.9, 10.0.0.5')).toBe('203.0.113.9');
    expect(resolve(trust, '127.0.0.1', '203.0.113.9')).toBe('203.0.113.9');
    // A caller that reaches us directly, not through the load balancer, gets no say.
    expect(resolve(trust, '198.51.100.4', '203.0.113.9')).toBe('198.51.100.4');
    // An IPv4 socket address seen as IPv6 (a listener on ::) still matches an IPv4 range.
    expect(resolve(trust, '::ffff:127.0.0.1', '203.0.113.9')).toBe('203.0.113.9');
  });

  it('is "unknown" for a socket already gone', () => {
    expect(resolve('1', undefined, '203.0.113.9')).toBe('unknown');
  });
});
