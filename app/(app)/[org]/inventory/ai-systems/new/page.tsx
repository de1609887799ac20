import { requireOrgPage } from "@/lib/auth/context";
import { listOffices } from "@/lib/offices/queries";
import { PageHeader, Card } from "@/components/ui/card";
import { AiSystemForm } from "@/components/ai-systems/ai-system-form";

export const metadata = { title: "Add AI system" };

export default async function NewAiSystemPage({ params }: { params: Promise<{ org: string }> }) {
  const ctx = await requireOrgPage((await params).org, "inventory:write");
  const offices = await listOffices(ctx);
  return (
    <>
      <PageHeader title="Add AI system" description="A product feature or internal tool: how critical it is and how long it may be down. Add the models it depends on next." />
      <Card>
        <AiSystemForm orgSlug={ctx.organisationSlug} offices={offices.map((o) => ({ id: o.id, name: o.name }))} />
      </Card>
    </>
  );
}
