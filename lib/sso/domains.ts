import "server-only";
import { randomBytes } from "node:crypto";
import { Resolver } from "node:dns/promises";

// Proving that an organisation controls an email domain (decision 049): its owner publishes a TXT
// record at _sovra-verification.{domain} holding a random value Sovra gave it. Only then are
// people typing an email on that domain sent to the organisation's identity provider, so nobody
// can claim someone else's domain and capture its sign-ins.

/** The name of the TXT record to create for a domain. */
export function verificationRecordName(domain: string): string {
  return `_sovra-verification.${domain}`;
}

/** A fresh value for the TXT record: "sovra-verify=" and 32 hex digits (128 random bits). */
export function newVerificationToken(): string {
  return `sovra-verify=${randomBytes(16).toString("hex")}`;
}

export interface DnsOptions {
  /** DNS servers ("127.0.0.1:5353", "[::1]:53"); empty or unset: the system's. */
  servers?: readonly string[];
  /** How long to wait for an answer in all, in milliseconds. */
  timeoutMs?: number;
}

/** SOVRA_DNS_SERVERS as a list ("a, b" -> ["a", "b"]); unset: none (the system's servers). */
export function dnsServers(value: string | undefined): string[] {
  return (value ?? "").split(",").map((s) => s.trim()).filter(Boolean);
}

export type TxtLookup =
  | { ok: true; values: string[] }
  /** `missing`: the name has no TXT record; `failed`: the DNS gave no usable answer (timeout, server failure). */
  | { ok: false; reason: "missing" | "failed"; error: string };

const DEFAULT_TIMEOUT_MS = 5_000;

/**
 * The TXT values at `name` (each record's strings joined, as the record's owner typed it).
 * Never throws: a missing record and an unreachable DNS are answers the owner must read.
 * @example await lookupTxt("_sovra-verification.example.com", { servers: ["127.0.0.1:5353"] }) // { ok: true, values: ["sovra-verify=…"] }
 */
export async function lookupTxt(name: string, options: DnsOptions = {}): Promise<TxtLookup> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  // c-ares' own timeout is per try and doubles on each retry; two tries within the budget.
  const resolver = new Resolver({ timeout: Math.max(100, Math.floor(timeoutMs / 3)), tries: 2 });
  if (options.servers?.length) resolver.setServers([...options.servers]);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      resolver.cancel();
      reject(Object.assign(new Error(`no answer within ${timeoutMs / 1000} s`), { code: "ETIMEOUT" }));
    }, timeoutMs);
  });
  try {
    const records = await Promise.race([resolver.resolveTxt(name), deadline]);
    return { ok: true, values: records.map((chunks) => chunks.join("")) };
  } catch (e) {
    const code = (e as { code?: string }).code ?? "";
    if (code === "ENOTFOUND" || code === "ENODATA") return { ok: false, reason: "missing", error: code };
    const words: Record<string, string> = {
      ETIMEOUT: "the DNS server did not answer in time",
      ECANCELLED: "the DNS server did not answer in time",
      ECONNREFUSED: "the DNS server refused the connection",
      ESERVFAIL: "the DNS server failed to answer (SERVFAIL)",
      EREFUSED: "the DNS server refused the query",
    };
    return { ok: false, reason: "failed", error: words[code] ?? (e instanceof Error ? e.message : String(e)) };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * What a verification found, in words for the owner: which record was looked up, what it held,
 * and what was expected.
 * @example describeMiss("_sovra-verification.example.com", "sovra-verify=1", { ok: true, values: ["x"] }) // "Looked up the TXT record _sovra-verification.example.com and found “x”, not …"
 */
export function describeMiss(name: string, expected: string, lookup: TxtLookup): string {
  if (lookup.ok) {
    const found = lookup.values.length ? lookup.values.map((v) => `“${v}”`).join(", ") : "no value";
    return `Looked up the TXT record ${name} and found ${found}, not “${expected}”. Correct the record's value; DNS changes can take a few minutes (up to the record's TTL) to show.`;
  }
  if (lookup.reason === "missing") {
    return `Looked up the TXT record ${name} and found none. Create it with the value “${expected}”; DNS changes can take a few minutes to show.`;
  }
  return `Could not look up the TXT record ${name}: ${lookup.error}. Try again in a moment.`;
}
