import { db } from "@/lib/testing/db";

/**
 * Every inventory row and audit event of an organisation, as one comparable string: an import (or
 * any write) that must change nothing leaves it exactly as it was.
 */
export async function inventorySnapshot(organisationId: string): Promise<string> {
  const where = { organisationId };
  const orderBy = { id: "asc" as const };
  const p = db();
  const rows = await Promise.all([
    p.office.findMany({ where, orderBy }),
    p.vendor.findMany({ where, orderBy }),
    p.model.findMany({ where, orderBy }),
    p.aiSystem.findMany({ where, orderBy }),
    p.aiSystemOffice.findMany({ where, orderBy: [{ aiSystemId: "asc" }, { officeId: "asc" }] }),
    p.dependency.findMany({ where, orderBy }),
    p.fallback.findMany({ where, orderBy }),
    p.dataFlow.findMany({ where, orderBy }),
    p.policyEvent.findMany({ where, orderBy }),
    p.auditEvent.findMany({ where, orderBy }),
  ]);
  const [offices, vendors, models, aiSystems, aiSystemOffices, dependencies, fallbacks, dataFlows, policyEvents, auditEvents] = rows;
  return JSON.stringify({ offices, vendors, models, aiSystems, aiSystemOffices, dependencies, fallbacks, dataFlows, policyEvents, auditEvents }, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
}
