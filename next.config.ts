import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Nothing calls home: no telemetry, no remote images, no font downloads (fonts are self-hosted).
  poweredByHeader: false,
  images: { unoptimized: true },
  // Server-only packages with native or WASM parts stay outside the server bundle.
  serverExternalPackages: ["playwright-core", "@electric-sql/pglite", "@electric-sql/pglite-socket", "pg", "pg-boss"],
  // `npm run typecheck` (part of `npm run check` and CI) checks every file, tests included;
  // the build does not repeat it, which saves ~15 s on a first `npm start`.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
