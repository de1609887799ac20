import { practiceApiRoute } from "@/lib/api/route";
import { listPracticeClientsOperation } from "@/lib/api/practice-operations";
import { listPracticeClients } from "@/lib/practices/queries";

export const GET = practiceApiRoute(listPracticeClientsOperation, async ({ ctx, query }) => {
  const rows = await listPracticeClients(ctx, { archived: query.archived });
  return {
    items: rows.map((r) => ({
      id: r.id,
      organisation: { slug: r.organisation.slug, name: r.organisation.name },
      sector: r.organisation.sector,
      hqCountry: r.organisation.hqCountry,
      role: r.role,
      since: r.createdAt.toISOString(),
      archivedAt: r.archivedAt?.toISOString() ?? null,
      nextWorkshop: r.nextWorkshopOn ? { on: r.nextWorkshopOn.toISOString().slice(0, 10), title: r.nextWorkshopTitle } : null,
      benchmarkConsent: r.benchmarkConsentAt !== null,
      version: r.version,
    })),
  };
});
