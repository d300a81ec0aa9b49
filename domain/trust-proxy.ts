import proxyAddr from 'proxy-addr';

/**
 * Whose `X-Forwarded-For` is believed (CONTRACT.md `TRUST_PROXY`): nobody's, the nearest `hops` proxies', or
 * proxies at these addresses or CIDRs (and the names `loopback`, `linklocal`, `uniquelocal`).
 */
export type TrustProxy = { kind: 'none' } | { kind: 'hops'; hops: number } | { kind: 'addresses'; ranges: string[] };

export const TRUST_PROXY_HELP =
  'must be a hop count from 1 to 10, or comma-separated IP addresses or CIDRs of the load balancers (such as 10.0.0.0/8)';

const MAX_HOPS = 10;

/** Reads `TRUST_PROXY`; undefined means the value is not valid. */
export function parseTrustProxy(value: string | undefined): TrustProxy | undefined {
  const text = value?.trim() ?? '';
  if (text === '') return { kind: 'none' };
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    return hops >= 1 && hops <= MAX_HOPS ? { kind: 'hops', hops } : undefined;
  }
  const ranges = text.split(',').map((part) => part.trim());
  if (ranges.some((range) => range === '')) return undefined;
  try {
    // proxy-addr is what later matches the addresses: whatever it cannot read is refused here, at start-up.
    proxyAddr.compile(ranges);
  } catch {
    return undefined;
  }
  return { kind: 'addresses', ranges };
}
