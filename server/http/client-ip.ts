import { BlockList, isIP } from "node:net";
import { getEnv } from "../core/env";

/** Set by our own server (scripts/serve.ts) from the socket; any value a client sends is replaced. */
export const PEER_HEADER = "x-tweestap-peer";

let cached: { source: string[]; list: BlockList } | undefined;

function trustedList(): BlockList {
  const proxies = getEnv().trustedProxies;
  if (cached?.source === proxies) return cached.list;
  const list = new BlockList();
  for (const entry of proxies) {
    const [address, prefix] = entry.split("/") as [string, string | undefined];
    const family = isIP(address) === 6 ? "ipv6" : "ipv4";
    if (prefix === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(prefix), family);
  }
  cached = { source: proxies, list };
  return list;
}

export function normalizeIp(value: string): string | null {
  let ip = value.trim();
  if (ip.startsWith("[") && ip.includes("]")) ip = ip.slice(1, ip.indexOf("]"));
  if (ip.startsWith("::ffff:") && isIP(ip.slice(7)) === 4) ip = ip.slice(7);
  return isIP(ip) ? ip.toLowerCase() : null;
}

function isTrusted(ip: string): boolean {
  return trustedList().check(ip, isIP(ip) === 6 ? "ipv6" : "ipv4");
}

/**
 * The client's address: the socket peer, unless the peer is a trusted proxy, in which case
 * X-Forwarded-For is walked from the right, skipping trusted proxies. Without our server's peer
 * header (e.g. plain `next start`) the address is unknown and every such client shares limits.
 */
export function clientIp(headers: Headers): string {
  const env = getEnv();
  const peer = env.peerHeaderTrusted ? normalizeIp(headers.get(PEER_HEADER) ?? "") : null;
  if (!peer) return "unknown";
  let ip = peer;
  if (!isTrusted(ip)) return ip;
  const chain = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  for (let i = chain.length - 1; i >= 0; i--) {
    const hop = normalizeIp(chain[i]!);
    if (!hop) return ip;
    ip = hop;
    if (!isTrusted(hop)) return hop;
  }
  return ip;
}
