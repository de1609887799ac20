import { gzipSync } from "node:zlib";
import { worldGeometry } from "@/lib/scores/world-geometry";

// The base world map (Natural Earth 1:110m countries, one <path id="DE"> each) under every map
// overlay; pages <use> its paths to highlight countries. It is public geography, the same for
// every organisation, so it needs no session (proxy.ts lets /*.svg through). Pages link it with
// ?v=<content hash>, so browsers keep it for a year and a new world-atlas or projection gets a
// new address (docs/decisions/026). Next compresses pages but not route handlers' bodies: the
// gzipped copy (110 KiB -> 39 KiB) is made once per process.
let gzipped: Buffer | undefined;

export function GET(request: Request) {
  const { baseSvg } = worldGeometry();
  const headers = {
    "Content-Type": "image/svg+xml; charset=utf-8",
    "Cache-Control": "public, max-age=31536000, immutable",
    "X-Content-Type-Options": "nosniff",
    Vary: "Accept-Encoding",
  };
  if (/\bgzip\b/.test(request.headers.get("accept-encoding") ?? "")) {
    gzipped ??= gzipSync(baseSvg, { level: 9 });
    return new Response(new Uint8Array(gzipped), { headers: { ...headers, "Content-Encoding": "gzip" } });
  }
  return new Response(baseSvg, { headers });
}
