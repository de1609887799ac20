// A load balancer on loopback for the scale-out journey (e2e/scale-out.spec.ts): it hands each
// request to the next of its upstream instances in turn, as a round-robin balancer without
// sticky sessions does, and it is adversarial about forms: a POST (a server action, a sign-in)
// goes to an instance OTHER than the one that rendered the page it was sent from (its Referer), so a
// journey through it proves that a form rendered by one instance is accepted by another.
// An upstream that refuses the connection (a killed instance) is marked down and the request is
// tried on the next one, as a balancer's health check would: a refused connection never reached
// the instance, so even a POST is safe to send again. Every request is recorded.
import { createServer, request, type IncomingHttpHeaders, type IncomingMessage, type Server } from "node:http";

export interface ProxiedRequest {
  method: string;
  path: string;
  /** The upstream's port. */
  upstream: number;
  status: number;
  /** A server action (Next-Action header). */
  action: boolean;
  /** A page rendered for the address bar (or its client-side navigation): what a form comes from. */
  document: boolean;
  /** For a POST: the upstream that rendered the page it was sent from (its Referer), when known. */
  formFrom?: number;
}

export interface RoundRobinProxy {
  url: string;
  log: ProxiedRequest[];
  /** Upstreams found dead (connection refused), by port. */
  down: Set<number>;
  close(): Promise<void>;
}

/** A page shown to the person: a full load, or the client router's navigation to it (not a prefetch). */
const isDocument = (method: string, headers: IncomingHttpHeaders) =>
  method === "GET" && (headers["sec-fetch-dest"] === "document" || (headers.rsc === "1" && headers["next-router-prefetch"] === undefined));

/** A page's address without the client router's cache-busting `_rsc` parameter. */
function pageKey(url: string): string {
  const u = new URL(url, "http://proxy");
  u.searchParams.delete("_rsc");
  return u.pathname + u.search;
}

export async function startRoundRobinProxy(port: number, upstreams: number[]): Promise<RoundRobinProxy> {
  const log: ProxiedRequest[] = [];
  const down = new Set<number>();
  let next = 0;
  /** Which upstream last rendered each page. */
  const renderedBy = new Map<string, number>();

  /** The next live upstream in turn; for a POST, one other than the one that rendered its form's page, when another is alive. */
  const choose = (formFrom: number | undefined, tried: Set<number>): number | undefined => {
    const live = upstreams.filter((u) => !down.has(u) && !tried.has(u));
    if (live.length === 0) return undefined;
    const other = live.filter((u) => u !== formFrom);
    if (formFrom !== undefined && other.length > 0) return other[next++ % other.length];
    return live[next++ % live.length];
  };

  const server: Server = createServer((req, res) => {
    // The body is buffered so that a request refused by a dead upstream can be sent to another.
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const method = req.method ?? "GET";
      const referer = req.headers.referer;
      const formFrom = method === "POST" && referer ? renderedBy.get(pageKey(referer)) : undefined;
      const tried = new Set<number>();
      const attempt = () => {
        const upstream = choose(formFrom, tried);
        if (upstream === undefined) {
          res.writeHead(502, { "content-type": "text/plain" }).end("No upstream instance is alive\n");
          return;
        }
        tried.add(upstream);
        const forward = request(
          { host: "127.0.0.1", port: upstream, method, path: req.url, headers: { ...req.headers, connection: "close" }, agent: false },
          (upstreamRes: IncomingMessage) => {
            const status = upstreamRes.statusCode ?? 502;
            const document = isDocument(method, req.headers);
            if (document) renderedBy.set(pageKey(req.url ?? "/"), upstream);
            log.push({ method, path: req.url ?? "/", upstream, status, action: typeof req.headers["next-action"] === "string", document, formFrom });
            res.writeHead(status, upstreamRes.rawHeaders);
            upstreamRes.pipe(res);
          },
        );
        forward.on("error", (e: NodeJS.ErrnoException) => {
          if (e.code === "ECONNREFUSED" && !res.headersSent) {
            down.add(upstream);
            attempt();
            return;
          }
          // Reset mid-answer (the instance died while answering): the client sees the failure, as behind a real balancer.
          if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain" }).end(`The instance failed: ${e.code ?? e.message}\n`);
          else res.destroy(e);
        });
        forward.end(body);
      };
      attempt();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    down,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
