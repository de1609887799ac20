import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Nothing calls home: no telemetry, no remote images, no font downloads (fonts are self-hosted).
  poweredByHeader: false,
  images: { unoptimized: true },
  // The container image (Dockerfile) builds with SOVRA_STANDALONE=1: Next's standalone output, the
  // server with only the files it traces. Unset, as for `npm start` and CI, the build is the
  // ordinary one that `next start` and lib/runtime/web-server.ts serve (docs/decisions/048).
  ...(process.env.SOVRA_STANDALONE === "1" && { output: "standalone" as const }),
  // Server-only packages with native or WASM parts stay outside the server bundle.
  serverExternalPackages: ["playwright-core", "@electric-sql/pglite", "@electric-sql/pglite-socket", "pg", "pg-boss"],
  // `npm run typecheck` (part of `npm run check` and CI) checks every file, tests included;
  // the build does not repeat it, which saves ~15 s on a first `npm start`.
  typescript: { ignoreBuildErrors: true },
  experimental: {
    // proxy.ts runs on every request, and Next buffers the body for it, passing on only the first
    // 10 MB by default: a larger import body arrived cut short and read as malformed JSON. 26 MiB
    // lets the one import limit (25 MiB, lib/inventory/file-limits.ts) and its upload form through
    // whole; beyond it the handlers count the bytes and answer 413 (docs/decisions/031). A test
    // keeps this above the import limit.
    proxyClientMaxBodySize: 26 * 1024 * 1024,
  },
  // Every other response gets its security headers from proxy.ts (a CSP nonce per page needs a
  // request); Next's static files skip the proxy, so they get the ones that apply to a file here
  // (docs/decisions/030).
  async headers() {
    return [
      {
        source: "/_next/static/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Cross-Origin-Resource-Policy", value: "same-origin" },
        ],
      },
    ];
  },
};

export default nextConfig;
