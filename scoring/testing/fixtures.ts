import type { InventoryDocument, Model, Vendor } from "../schema/inventory";
import type { AccessPath } from "../schema/primitives";
import { usersOfCountries, type Route, type Users } from "../engine/route";
import type { ImposeEvent, PolicyScope, Restriction } from "../schema/policy-event";

export const vendor = (key: string, hqCountry: string, extra: Partial<Vendor> = {}): Vendor => ({ key, name: key.toUpperCase(), type: "frontier-lab", hqCountry, ...extra });
export const model = (key: string, vendorKey: string, weights: "open" | "closed", extra: Partial<Model> = {}): Model => ({ key, name: `Model ${key}`, vendor: vendorKey, family: key, weights, ...extra });

/** A route for factor unit tests. */
export function route(p: { accessPath: AccessPath; weights?: "open" | "closed"; vendorHq?: string; cloudHq?: string; hosting?: string; users?: string[]; vendorKey?: string; modelKey?: string; compute?: Model["trainingCompute"]; licensee?: string }): Route {
  const v = vendor(p.vendorKey ?? "v", p.vendorHq ?? "US");
  const cloud = p.cloudHq ? vendor("cloud", p.cloudHq, { type: "hyperscaler" }) : undefined;
  return {
    key: "r",
    model: model(p.modelKey ?? "m", v.key, p.weights ?? "closed", p.compute ? { trainingCompute: p.compute } : {}),
    vendor: v,
    accessPath: p.accessPath,
    cloud,
    hostingCountry: p.hosting ?? p.vendorHq ?? "US",
    hostingRegion: undefined,
    hostingDefaulted: false,
    userCountries: usersOfCountries(p.users ?? ["DE"]).countries,
    users: usersOfCountries(p.users ?? ["DE"]),
    licenseeCountry: p.licensee ?? "DE",
  };
}

/**
 * A small valid inventory: one organisation in Germany, two offices, one support system on a
 * closed US model via direct API. Override any part.
 */
export function smallDoc(over: Partial<InventoryDocument> = {}): InventoryDocument {
  return {
    schemaVersion: "1.0",
    organisation: { key: "acme", name: "Acme", hqCountry: "DE" },
    offices: [
      { key: "fra", name: "Frankfurt", country: "DE", teams: ["support"] },
      { key: "ny", name: "New York", country: "US", teams: ["sales"] },
    ],
    vendors: [vendor("openai", "US"), vendor("meta", "US"), vendor("mistral", "FR"), vendor("azure", "US", { type: "hyperscaler" })],
    models: [model("gpt", "openai", "closed"), model("llama", "meta", "open"), model("mistral-small", "mistral", "open", { licence: "Apache-2.0" })],
    aiSystems: [{ key: "bot", name: "Support bot", criticality: "high", toleratedDowntimeHours: 4, offices: ["fra", "ny"], teams: ["support"] }],
    dependencies: [{ key: "bot/gpt", system: "bot", model: "gpt", accessPath: "direct-api" }],
    dataFlows: [{ key: "f1", fromOffice: "fra", dependency: "bot/gpt", categories: ["personal"], transferMechanism: "scc" }],
    fallbacks: [],
    policyEvents: [],
    ...over,
  };
}

/** An export-control event in force since 2025-01-01 with these restrictions (and scope: everything unless said). */
export const imposeEvent = (key: string, restrictions: Restriction[], scope: PolicyScope = {}): ImposeEvent => ({
  kind: "impose",
  key,
  title: `Event ${key}`,
  effectiveDate: "2025-01-01",
  source: "test",
  type: "export-control",
  issuer: "US",
  scope,
  restrictions,
});

/** A restriction that blocks the countries `only`, read at `locus`. */
export const blockIn = (only: string[], locus: Restriction["locus"] = "users"): Restriction => ({ countries: { only }, locus, severity: "block" });

/** A route's users by headcount share, e.g. { DE: 0.7, US: 0.3 } (countries sorted, as the engine keeps them). */
export function usersByShare(shares: Record<string, number>): Users {
  const countries = Object.keys(shares).sort();
  return { countries, shares: countries.map((c) => shares[c]!), basis: "people", people: 1000, unrecorded: [] };
}
