import ukBank from "@/examples/uk-bank.json";
import frankfurtManufacturer from "@/examples/frankfurt-manufacturer.json";
import usStartup from "@/examples/us-startup.json";

// Sector templates for a new client (decision 037): the starter inventories of examples/, so a
// workshop starts from a plausible inventory the room corrects rather than from an empty page.
// The client's own name, country and sector replace the example's; its regimes are kept.

export const CLIENT_TEMPLATES = {
  empty: { label: "Empty: start from nothing", document: null },
  "uk-bank": { label: "Retail bank, United Kingdom (7 AI systems, 5 offices)", document: ukBank },
  "frankfurt-manufacturer": { label: "Industrial manufacturer, Germany (12 AI systems, 7 offices)", document: frankfurtManufacturer },
  "us-startup": { label: "Software start-up, United States (5 AI systems, 4 offices)", document: usStartup },
} as const;

export type ClientTemplate = keyof typeof CLIENT_TEMPLATES;
export const CLIENT_TEMPLATE_KEYS = Object.keys(CLIENT_TEMPLATES) as [ClientTemplate, ...ClientTemplate[]];

/** The template's starter document for a client, or null for an empty start. */
export function templateDocument(template: ClientTemplate, client: { name: string; hqCountry: string; sector: string }): Record<string, unknown> | null {
  const source = CLIENT_TEMPLATES[template].document;
  if (!source) return null;
  const document = structuredClone(source) as Record<string, unknown> & { organisation: Record<string, unknown> };
  document.organisation = { ...document.organisation, name: client.name, hqCountry: client.hqCountry, sector: client.sector };
  return document;
}

/** The regimes a template's client starts under (none for an empty start). */
export function templateRegimes(template: ClientTemplate): string[] {
  const source = CLIENT_TEMPLATES[template].document;
  return source ? [...source.organisation.regimes] : [];
}
