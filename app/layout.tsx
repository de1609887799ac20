import type { Metadata } from "next";
import { inter } from "./fonts";
import "./globals.css";

// Every page reads the database for the signed-in user; nothing is prerendered at build time
// (the build needs no database).
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "Sovra", template: "%s · Sovra" },
  description: "If a government switches off the AI you depend on: what breaks, where, and how fast you recover.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en" className={inter.variable}>
      <body className="min-h-screen font-sans antialiased">{children}</body>
    </html>
  );
}
