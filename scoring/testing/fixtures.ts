import type { InventoryDocument, Model, Vendor } from "../schema/inventory";
import type { AccessPath } from "../schema/primitives";
import { usersOfCountries, type Route } from "../engine/route";

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
