import { worldGeometry } from "@/lib/scores/world-geometry";

// The base world map (Natural Earth land and borders) under every map overlay. It is public
// geography, the same for every organisation, so it needs no session (proxy.ts lets /*.svg
// through). Pages link it with ?v=<content hash>, so browsers keep it for a year and a new
// world-atlas or projection gets a new address (docs/decisions/026).
export function GET() {
  const { baseSvg } = worldGeometry();
  return new Response(baseSvg, {
    headers: {
      "Content-Type": "image/svg+xml; charset=utf-8",
      "Cache-Control": "public, max-age=31536000, immutable",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
