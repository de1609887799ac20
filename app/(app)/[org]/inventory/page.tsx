import Link from "next/link";
import { requireOrgPage } from "@/lib/auth/context";
import { getOrganisationOverview } from "@/lib/organisations/queries";
import { Card, PageHeader } from "@/components/ui/card";

export const metadata = { title: "Inventory" };

export default async function InventoryPage({ params }: { params: Promise<{ org: string }> }) {
  const ctx = await requireOrgPage((await params).org, "inventory:read");
  const counts = await getOrganisationOverview(ctx);
  const sections = [
    { title: "Offices and teams", count: counts.offices, href: "offices", text: "Where people work, and so from where AI is reached." },
    { title: "Vendors", count: counts.vendors, href: "vendors", text: "Model providers and hosts, and the jurisdictions of their ultimate parents." },
    { title: "Models", count: counts.models, href: "models", text: "The models you use: open or closed weights, licence and training compute." },
    { title: "AI systems", count: counts.aiSystems, href: "ai-systems", text: "Product features and internal tools, their criticality and their model dependencies." },
    { title: "Data flows", count: counts.dataFlows, href: "data-flows", text: "What data goes where, under which transfer mechanism." },
  ];
  return (
    <>
      <PageHeader title="Inventory" description="What the organisation depends on. Editors and owners maintain it; everyone in the organisation can read it." />
      <div className="grid gap-4 sm:grid-cols-2">
        {sections.map((s) => (
          <Card key={s.title}>
            <h2 className="text-base font-semibold text-slate-900">
              <Link href={`/${ctx.organisationSlug}/inventory/${s.href}`} className="hover:text-brand-700 hover:underline">
                {s.title}
              </Link>
            </h2>
            <p className="mt-1 text-sm text-slate-600">{s.text}</p>
            <p className="mt-3 text-sm text-slate-800">
              <span className="text-xl font-semibold tabular-nums">{s.count.toLocaleString("en")}</span> recorded
            </p>
          </Card>
        ))}
      </div>
    </>
  );
}
