/**
 * The SSRF guard: which IP addresses Byline may fetch from. A moderator (or anyone who can talk a
 * moderator into it) must not be able to make the bot read the cloud metadata service, a router's admin
 * page or anything else that is only reachable from inside the host's network.
 */
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import ipaddr from "ipaddr.js";

/** ipaddr.js range names, as shown to users. Anything not listed here is shown as it is named. */
const RANGE_LABELS: Record<string, string> = {
  loopback: "a loopback (this machine) address",
  private: "a private-network address",
  carrierGradeNat: "a carrier-grade NAT (shared) address",
  linkLocal: "a link-local address (this is where cloud metadata services live)",
  uniqueLocal: "a unique-local (private IPv6) address",
  multicast: "a multicast address",
  unspecified: "an unspecified address",
  broadcast: "the broadcast address",
  reserved: "a reserved address",
};

/** An address a host name resolved to, in the shape node's `lookup` callbacks use. */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/**
 * Why an address may not be fetched from, or undefined when it is a public unicast address. Only
 * ipaddr.js's "unicast" range passes: loopback, RFC 1918, CGNAT, link-local, unique-local, multicast,
 * unspecified, the reserved and documentation ranges, and the IPv6 transition ranges (6to4, Teredo,
 * NAT64), which can smuggle an IPv4 address, are all refused. IPv4-mapped IPv6 addresses
 * (::ffff:127.0.0.1) are judged as the IPv4 address they carry.
 */
export function forbiddenReason(address: string): string | undefined {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.parse(address);
  } catch {
    return "not a valid IP address";
  }
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    return forbiddenReason((parsed as ipaddr.IPv6).toIPv4Address().toString());
  }
  const range = parsed.range();
  if (range !== "unicast") return RANGE_LABELS[range] ?? `an address in the special-purpose range "${range}"`;
  // The deprecated IPv4-compatible form (::127.0.0.1) is "unicast" to ipaddr.js; no public host uses it.
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).parts.slice(0, 6).every((part) => part === 0)) {
    return "an IPv4-compatible IPv6 address";
  }
  return undefined;
}

/** Resolves a host name to every address it has. The default is the system resolver, as connections use. */
export type Resolver = (hostname: string) => Promise<string[]>;

export const systemResolver: Resolver = async (hostname) => {
  const answers = await lookup(hostname, { all: true, verbatim: true });
  return answers.map((answer) => answer.address);
};

/** An IP literal as written in a URL's host ("[::1]" → "::1"), or undefined for a host name. */
export function ipLiteral(hostname: string): string | undefined {
  const bare = hostname.replace(/^\[|\]$/g, "");
  return isIP(bare) ? bare : undefined;
}

export function toResolvedAddress(address: string): ResolvedAddress {
  return { address, family: isIP(address) === 6 ? 6 : 4 };
}
