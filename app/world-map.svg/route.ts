import { worldGeometry } from "@/lib/scores/world-geometry";

// The base world map (Natural Earth 1:110m countries, one <path id="DE"> each) under every map
// overlay; pages <use> its paths to highlight countries. It is public geography, the same for
// every organisation, so it needs no session (proxy.ts lets /*.svg through). Pages link it with
// ?v=<content hash>, so browsers keep it for a year and a new world-atlas or projection gets a
// new address (docs/decisions/026).
// Not gzipped here: Next 16 drops a route handler's Content-Encoding header but sends the
// compressed body, which browsers then show as a broken image (seen in Chromium).
export function GET() {
  return new Response(worldGeometry().baseSvg, {
    headers: {
      "Content-Type": "image/svg+xml; charset=utf-8",
      "Cache-Control": "public, max-age=31536000, immutable",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
