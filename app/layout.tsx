import type { Metadata } from "next";
import { headers } from "next/headers";
import { inter } from "./fonts";
import "./globals.css";

// Every page reads the database for the signed-in user; nothing is prerendered at build time
// (the build needs no database).
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "Sovra", template: "%s · Sovra" },
  description: "If a government switches off the AI you depend on: what breaks, where, and how fast you recover.",
  applicationName: "Sovra",
  manifest: "/manifest.webmanifest",
  icons: {
    icon: [
      { url: "/favicon.ico", sizes: "any" },
      { url: "/icon.svg", type: "image/svg+xml" },
    ],
    apple: "/apple-touch-icon.png",
  },
};

// zod compiles object parsers with `new Function` when it may; under the CSP (no 'unsafe-eval',
// docs/decisions/030) its probe for that is reported as a violation in every browser that parses a
// form. This tells zod not to try, before any bundle loads it (zod reads globalThis.__zod_globalConfig).
const ZOD_WITHOUT_EVAL = "globalThis.__zod_globalConfig=Object.assign(globalThis.__zod_globalConfig||{},{jitless:true});";

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // proxy.ts makes a nonce per request; Next reads it from the CSP header for its own scripts.
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    <html lang="en" className={inter.variable}>
      <head>
        <script nonce={nonce} suppressHydrationWarning dangerouslySetInnerHTML={{ __html: ZOD_WITHOUT_EVAL }} />
      </head>
      <body className="min-h-screen font-sans antialiased">{children}</body>
    </html>
  );
}
