import { isIPv4, isIPv6 } from "node:net";

// Which address a request comes from, for throttling and the session list (docs/decisions/028).
// A client can write any X-Forwarded-For or X-Real-IP header it likes, so these are believed only
// as far as the operator says proxies of theirs stand in front (SOVRA_TRUSTED_PROXIES). The
// socket's peer is not visible to route handlers or server actions (they see a Web `Request`), so
// Sovra's web server (lib/runtime/web-server.ts) writes it into PEER_ADDRESS_HEADER on every
// request, overwriting whatever the client sent, and marks the process as doing so. Served any
// other way (`next dev`), that header could come from the client: it is ignored and the address
// is "unknown", one bucket for everyone, never a value the client chose.

/** Written by Sovra's web server from the socket, on every request. */
export const PEER_ADDRESS_HEADER = "x-sovra-peer-address";

const STAMPED = Symbol.for("sovra.peerAddressHeader");

/** Called by the web server that overwrites PEER_ADDRESS_HEADER on every request. */
export function markPeerAddressHeaderTrusted(): void {
  (globalThis as Record<symbol, unknown>)[STAMPED] = true;
}

function peerAddressHeaderTrusted(): boolean {
  return (globalThis as Record<symbol, unknown>)[STAMPED] === true;
}

export const UNKNOWN_ADDRESS = "unknown";

/**
 * An address as a throttling bucket: IPv4 as is (also when IPv4-mapped), IPv6 by its /64 prefix
 * (one subscriber usually holds a whole /64 and could rotate through it), anything else null.
 * @example normaliseAddress("::ffff:192.0.2.7") // "192.0.2.7"
 * @example normaliseAddress("2001:db8:1:2:3:4:5:6") // "2001:db8:1:2::/64"
 */
export function normaliseAddress(raw: string | null | undefined): string | null {
  let value = raw?.trim() ?? "";
  if (value.startsWith("[") && value.includes("]")) value = value.slice(1, value.indexOf("]")); // "[::1]:443"
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(value);
  if (mapped) value = mapped[1]!;
  if (isIPv4(value)) return value;
  if (!isIPv6(value)) return null;
  const groups = expandIPv6(value);
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, "")).join(":")}::/64`;
}

function expandIPv6(address: string): string[] {
  const withoutZone = address.split("%")[0]!.toLowerCase();
  const [head, tail] = withoutZone.includes("::") ? withoutZone.split("::") : [withoutZone, undefined];
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  // An embedded IPv4 tail ("::1.2.3.4") stands for two groups.
  const expandV4 = (parts: string[]) =>
    parts.flatMap((p) => {
      if (!p.includes(".")) return [p];
      const [a, b, c, d] = p.split(".").map(Number) as [number, number, number, number];
      return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
    });
  const l = expandV4(left);
  const r = expandV4(right);
  const fill = tail === undefined ? [] : Array.from({ length: 8 - l.length - r.length }, () => "0");
  return [...l, ...fill, ...r].map((g) => g || "0");
}

/**
 * The client's address for a request: with no trusted proxy the socket's peer; with n trusted
 * proxies the n-th entry from the right of X-Forwarded-For (the one the outermost trusted proxy
 * saw), or its leftmost entry when the header is shorter. X-Real-IP is never read.
 * @example clientAddress(new Headers({ "x-forwarded-for": "203.0.113.9, 10.0.0.2" }), 1) // "10.0.0.2"
 */
export function clientAddress(headers: Headers | undefined, trustedProxies: number): string {
  const peer = peerAddressHeaderTrusted() ? normaliseAddress(headers?.get(PEER_ADDRESS_HEADER)) : null;
  if (trustedProxies <= 0) return peer ?? UNKNOWN_ADDRESS;
  const forwarded = (headers?.get("x-forwarded-for") ?? "")
    .split(",")
    .map((a) => a.trim())
    .filter(Boolean);
  if (forwarded.length === 0) return peer ?? UNKNOWN_ADDRESS;
  const entry = forwarded[Math.max(0, forwarded.length - trustedProxies)]!;
  return normaliseAddress(entry) ?? UNKNOWN_ADDRESS;
}
