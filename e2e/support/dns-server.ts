import { createSocket } from "node:dgram";
import dnsPacket from "dns-packet";

// A tiny authoritative DNS server on 127.0.0.1 (UDP) for tests of domain verification: it answers
// TXT questions from a table the test controls and NXDOMAIN to everything else. Sovra reaches it
// through SOVRA_DNS_SERVERS (the demo server) or a resolver option (integration tests), so no
// test depends on the public DNS or the machine's resolver.

export interface DnsServer {
  /** The UDP port it listens on (127.0.0.1). */
  port: number;
  /** "127.0.0.1:port", as SOVRA_DNS_SERVERS takes it. */
  address: string;
  /** Sets (replaces) the TXT values of a name; an empty list removes the name (NXDOMAIN). */
  setTxt(name: string, values: string[]): void;
  /** Every question asked so far, as "TYPE name" (lower case name). */
  questions: string[];
  close(): Promise<void>;
}

const NXDOMAIN = 3;
const key = (name: string) => name.toLowerCase().replace(/\.$/, "");

/**
 * Starts the server; port 0 (the default) lets the OS choose one.
 * @example const dns = await startDnsServer({ records: { "_sovra-verification.example.com": ["sovra-verify=abc"] } });
 */
export async function startDnsServer(options: { port?: number; records?: Record<string, string[]> } = {}): Promise<DnsServer> {
  const records = new Map<string, string[]>(Object.entries(options.records ?? {}).map(([name, values]) => [key(name), values]));
  const questions: string[] = [];
  const socket = createSocket("udp4");

  socket.on("message", (message, peer) => {
    let query: dnsPacket.Packet;
    try {
      query = dnsPacket.decode(message);
    } catch {
      return; // not a DNS packet: ignore it, as a real server would
    }
    const question = query.questions?.[0];
    if (!question) return;
    questions.push(`${question.type} ${key(question.name)}`);
    const values = records.get(key(question.name));
    const answers: dnsPacket.Answer[] =
      question.type === "TXT" && values ? values.map((value) => ({ type: "TXT", name: question.name, ttl: 60, class: "IN", data: value })) : [];
    // A name that exists but has no TXT (or another type was asked): NOERROR with no answer; else NXDOMAIN.
    const rcode = values && values.length > 0 ? 0 : NXDOMAIN;
    const response = dnsPacket.encode({
      type: "response",
      id: query.id,
      flags: dnsPacket.AUTHORITATIVE_ANSWER | dnsPacket.RECURSION_DESIRED | rcode,
      questions: query.questions,
      answers,
    });
    socket.send(response, peer.port, peer.address);
  });

  await new Promise<void>((resolve, reject) => {
    socket.once("error", reject);
    socket.bind(options.port ?? 0, "127.0.0.1", () => {
      socket.off("error", reject);
      resolve();
    });
  });
  const port = socket.address().port;
  return {
    port,
    address: `127.0.0.1:${port}`,
    questions,
    setTxt(name, values) {
      if (values.length === 0) records.delete(key(name));
      else records.set(key(name), [...values]);
    },
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
