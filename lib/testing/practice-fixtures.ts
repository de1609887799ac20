// Practices' clients for integration tests: a client that scores, with an owner of its own.
import { contextFor, db } from "@/lib/testing/db";
import { buildEngagement, buildMembership, buildOffice, buildOrganisation, buildUser } from "@/prisma/factories";

type Practice = { practice: { id: string } };

const tag = () => Math.random().toString(36).slice(2, 8);

/**
 * A client of `p` with an owner of its own and a small inventory that scores: offices with the
 * given headcounts, one AI system calling an open model, with a self-hosted fallback or without
 * (so that scores differ). Counted in the benchmark when `consent`.
 */
export async function scoredClient(p: Practice, opts: { sector?: string; headcounts?: number[]; consent?: boolean; fallback?: boolean; empty?: boolean } = {}) {
  const t = tag();
  const organisation = await buildOrganisation(db(), { name: `Confidential client ${t}`, slug: `confidential-${t}`, sector: opts.sector ?? "Banking" });
  const owner = await buildUser(db());
  await buildMembership(db(), organisation.id, owner.id, "owner");
  const organisationId = organisation.id;
  const offices = [];
  for (const headcount of opts.headcounts ?? [300]) offices.push(await buildOffice(db(), organisationId, { headcount }));
  if (!opts.empty) {
    const vendor = await db().vendor.create({ data: { organisationId, name: `Vendor ${t}`, vendorType: "frontier_lab", hqCountry: "US" } });
    const model = await db().model.create({ data: { organisationId, vendorId: vendor.id, name: `Model ${t}`, family: "m", weights: "open", licence: "Apache-2.0" } });
    const system = await db().aiSystem.create({ data: { organisationId, name: `System ${t}`, owner: "Ops", criticality: "high", toleratedDowntimeMinutes: 60 } });
    await db().aiSystemOffice.create({ data: { organisationId, aiSystemId: system.id, officeId: offices[0]!.id } });
    const dependency = await db().dependency.create({ data: { organisationId, aiSystemId: system.id, modelId: model.id, accessPath: "direct_api" } });
    if (opts.fallback ?? true) await db().fallback.create({ data: { organisationId, dependencyId: dependency.id, modelId: model.id, accessPath: "self_hosted" } });
  }
  const engagement = await buildEngagement(db(), p.practice.id, organisationId, "analyst");
  if (opts.consent ?? true) await db().practiceClient.update({ where: { id: engagement.id }, data: { benchmarkConsentAt: new Date("2026-11-01T00:00:00Z") } });
  const current = await db().practiceClient.findUniqueOrThrow({ where: { id: engagement.id }, select: { id: true, version: true } });
  return { organisation, engagement: current, ownerCtx: contextFor(organisation, owner.id, "owner") };
}

