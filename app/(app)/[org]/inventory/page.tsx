import Link from "next/link";
import { requireOrgPage } from "@/lib/auth/context";
import { getOrganisationOverview } from "@/lib/organisations/queries";
import { Card, PageHeader } from "@/components/ui/card";

export const metadata = { title: "Inventory" };

export default async function InventoryPage({ params }: { params: Promise<{ org: string }> }) {
  const ctx = await requireOrgPage((await params).org, "inventory:read");
  const counts = await getOrganisationOverview(ctx);
  const sections = [
    { title: "Offices and teams", count: counts.offices, href: "inventory/offices", text: "Where people work, and so from where AI is reached." },
    { title: "Vendors and models", count: counts.vendors, text: "Model providers and hosts, their jurisdictions, and the models you use." },
    { title: "AI systems", count: counts.aiSystems, text: "Product features and internal tools, their criticality and their model dependencies." },
    { title: "Data flows", count: counts.dataFlows, text: "What data goes where, under which transfer mechanism." },
  ];
  return (
    <>
      <PageHeader title="Inventory" description="What the organisation depends on. Editors and owners maintain it; everyone in the organisation can read it." />
      <div className="grid gap-4 sm:grid-cols-2">
        {sections.map((s) => (
          <Card key={s.title}>
            <h2 className="text-base font-semibold text-slate-900">
              {s.href ? (
                <Link href={`/${ctx.organisationSlug}/${s.href}`} className="hover:text-brand-700 hover:underline">
                  {s.title}
                </Link>
              ) : (
                s.title
              )}
            </h2>
            <p className="mt-1 text-sm text-slate-600">{s.text}</p>
            <p className="mt-3 text-sm text-slate-800">
              <span className="text-xl font-semibold tabular-nums">{s.count.toLocaleString("en")}</span> recorded
              {!s.href && <span className="text-slate-500"> · editing screens are not available yet</span>}
            </p>
          </Card>
        ))}
      </div>
    </>
  );
}
