import { requirePracticePage } from "@/lib/auth/context";
import { Card, PageHeader } from "@/components/ui/card";
import { NewClientForm } from "@/components/practices/practice-forms";

export const metadata = { title: "New client" };

export default async function NewClientPage({ params }: { params: Promise<{ practice: string }> }) {
  const { practice } = await params;
  const ctx = await requirePracticePage(practice, "clients:manage");
  return (
    <>
      <PageHeader title="New client" description="A separate organisation for the client, with its own data, members and roles. Its people join by invitation once it exists." />
      <Card>
        <NewClientForm practiceSlug={ctx.practiceSlug} practiceName={ctx.practiceName} />
      </Card>
    </>
  );
}
