import { requireOrgPage } from "@/lib/auth/context";
import { scoreOrganisation } from "@/lib/scores/queries";
import { PageHeader } from "@/components/ui/card";
import { ScoreHeadline } from "@/components/scores/score-headline";
import { VendorTable } from "@/components/scores/vendor-table";
import { ScoreProblems } from "@/components/scores/score-problems";

export const metadata = { title: "Scores" };

export default async function ScoresPage({ params }: { params: Promise<{ org: string }> }) {
  const ctx = await requireOrgPage((await params).org, "scores:read");
  const live = await scoreOrganisation(ctx);
  return (
    <>
      <PageHeader
        title="Scores"
        description="How sovereign each vendor is for this organisation: who holds the off switch, which laws reach it, and whether a tested fallback exists. Higher is more sovereign."
      />
      {live.ok ? (
        <div className="space-y-6">
          <ScoreHeadline result={live.result} findings={5} />
          <VendorTable result={live.result} />
        </div>
      ) : (
        <ScoreProblems issues={live.issues} />
      )}
    </>
  );
}
