// In a file without zod: the organisation form imports it in the browser.

/** Regimes an organisation can be under, keyed as the inventory document names them. */
export const REGIMES = {
  "eu-ai-act": "EU AI Act",
  dora: "DORA",
  gdpr: "GDPR",
  "uk-gdpr": "UK GDPR",
  nis2: "NIS2",
} as const satisfies Record<(typeof import("@/scoring/schema/inventory").REGIMES)[number], string>;
