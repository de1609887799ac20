import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { assertCan, type OrgContext } from "@/lib/auth/org-context";
import { loadInventoryDocument } from "@/lib/inventory/document";
import type { Shock } from "@/scoring/schema/scenario";
import type { ScenarioResult } from "@/scoring/scenario";

const scenarioSelect = { id: true, name: true, description: true, shocks: true, asOf: true, lastRunAt: true, lastResult: true, version: true, createdAt: true, updatedAt: true } as const;

type ScenarioRow = { id: string; name: string; description: string; shocks: unknown; asOf: Date | null; lastRunAt: Date | null; lastResult: unknown; version: number; createdAt: Date; updatedAt: Date };

/** A saved scenario with its JSON columns typed (validated by the engine's schema when saved). */
export function typedScenario(row: ScenarioRow) {
  return {
    ...row,
    asOf: row.asOf ? row.asOf.toISOString().slice(0, 10) : null,
    shocks: row.shocks as Shock[],
    lastResult: (row.lastResult ?? null) as ScenarioResult | null,
  };
}
export type SavedScenario = ReturnType<typeof typedScenario>;

/** The organisation's saved scenarios by name, with their last results. */
export async function listScenarios(ctx: OrgContext): Promise<SavedScenario[]> {
  assertCan(ctx, "scores:read");
  const rows = await db().scenario.findMany({ where: { organisationId: ctx.organisationId }, select: scenarioSelect, orderBy: [{ name: "asc" }, { id: "asc" }] });
  return rows.map(typedScenario);
}

/** One saved scenario of the caller's organisation, or null (also for another organisation's id). */
export async function getScenario(ctx: OrgContext, id: string): Promise<SavedScenario | null> {
  assertCan(ctx, "scores:read");
  // An id from the address: anything but a UUID is no scenario (PostgreSQL would refuse it as a uuid).
  if (!z.uuid().safeParse(id).success) return null;
  const row = await db().scenario.findFirst({ where: { id, organisationId: ctx.organisationId }, select: scenarioSelect });
  return row ? typedScenario(row) : null;
}

export interface ScenarioBuilderOptions {
  vendors: { key: string; name: string; country: string }[];
  clouds: { key: string; name: string }[];
  models: { key: string; name: string; vendor: string; weights: string }[];
  /** Countries of the organisation's offices, then of its vendors' headquarters. */
  officeCountries: string[];
  vendorCountries: string[];
  regions: { cloud: string; region: string; country: string }[];
}

/**
 * What the scenario builder offers, in the engine's keys (the same keys the inventory document
 * gives rows, so a shock names exactly what the simulation will match).
 */
export async function scenarioBuilderOptions(ctx: OrgContext): Promise<ScenarioBuilderOptions> {
  assertCan(ctx, "scores:read");
  const { document } = await loadInventoryDocument(ctx);
  const vendors = (document.vendors ?? []).map((v) => ({ key: v.key, name: v.name ?? v.key, country: v.hqCountry ?? "" }));
  const vendorName = new Map(vendors.map((v) => [v.key, v.name]));
  const routes = [...(document.dependencies ?? []), ...(document.fallbacks ?? [])];
  const cloudKeys = new Set(routes.map((r) => r.cloud).filter((c): c is string => typeof c === "string"));
  for (const v of document.vendors ?? []) if (v.type === "hyperscaler") cloudKeys.add(v.key);
  const regions = new Map<string, { cloud: string; region: string; country: string }>();
  for (const r of routes) {
    if (r.cloud && r.hostingRegion?.region) regions.set(`${r.cloud}/${r.hostingRegion.region}`, { cloud: r.cloud, region: r.hostingRegion.region, country: r.hostingRegion.country });
  }
  const sorted = (xs: Iterable<string>) => [...new Set(xs)].filter(Boolean).sort();
  return {
    vendors,
    clouds: [...cloudKeys].sort().map((key) => ({ key, name: vendorName.get(key) ?? key })),
    models: (document.models ?? []).map((m) => ({ key: m.key, name: m.name ?? m.key, vendor: vendorName.get(m.vendor) ?? m.vendor, weights: m.weights ?? "" })),
    officeCountries: sorted((document.offices ?? []).map((o) => o.country)),
    vendorCountries: sorted(vendors.map((v) => v.country)),
    regions: [...regions.values()].sort((a, b) => (a.cloud + a.region < b.cloud + b.region ? -1 : 1)),
  };
}
