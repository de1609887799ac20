import { buildOffice } from "@/prisma/factories";
import { db } from "@/lib/testing/db";

// The inventory the exports' integration and route tests freeze and export.

/** One critical system on a US frontier API with an untested self-hosted fallback, used from Berlin with personal data. */
export async function exportInventory(organisationId: string) {
  const office = await buildOffice(db(), organisationId, { name: "Berlin", country: "DE" });
  const vendor = await db().vendor.create({ data: { organisationId, name: "Frontier Labs", vendorType: "frontier_lab", hqCountry: "US", parentName: "Frontier Holdings", parentCountry: "US" } });
  const publisher = await db().vendor.create({ data: { organisationId, name: "Open Weights SAS", vendorType: "open_weight_publisher", hqCountry: "FR" } });
  const model = await db().model.create({ data: { organisationId, vendorId: vendor.id, name: "Big Model", family: "big", weights: "closed", licence: "proprietary" } });
  const open = await db().model.create({ data: { organisationId, vendorId: publisher.id, name: "Open Model", family: "open", weights: "open", licence: "Apache-2.0" } });
  const system = await db().aiSystem.create({ data: { organisationId, name: "Support chat", description: "Answers customers' tickets", usersServed: 1200, owner: "Ops", criticality: "critical", toleratedDowntimeMinutes: 240 } });
  await db().aiSystemOffice.create({ data: { organisationId, aiSystemId: system.id, officeId: office.id } });
  const dependency = await db().dependency.create({ data: { organisationId, aiSystemId: system.id, modelId: model.id, accessPath: "direct_api" } });
  await db().dataFlow.create({ data: { organisationId, name: "Tickets", originOfficeId: office.id, dependencyId: dependency.id, vendorId: vendor.id, processingCountry: "US", dataCategories: ["personal"], volume: "low", transferMechanism: "scc", encryption: "in_transit" } });
  await db().fallback.create({ data: { organisationId, dependencyId: dependency.id, modelId: open.id, accessPath: "self_hosted", hostingCountry: "DE", switchTimeMinutes: 60 } });
}
