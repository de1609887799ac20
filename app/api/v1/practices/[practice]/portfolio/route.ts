import { practiceApiRoute } from "@/lib/api/route";
import { getPortfolioOperation } from "@/lib/api/practice-operations";
import { listPortfolio } from "@/lib/practices/queries";
import { today } from "@/lib/scores/queries";

export const GET = practiceApiRoute(getPortfolioOperation, async ({ ctx }) => {
  const asOf = today();
  const rows = await listPortfolio(ctx);
  return {
    asOf,
    items: rows.map((r) => ({
      id: r.engagementId,
      organisation: { slug: r.slug, name: r.name },
      sector: r.sector,
      role: r.role,
      aiSystems: r.aiSystems,
      score: r.score,
      rating: r.rating,
      unscored: r.unscored,
      lastAssessment: r.lastAssessment && { asOf: r.lastAssessment.asOf.toISOString(), score: r.lastAssessment.score, rating: r.lastAssessment.rating },
      trend: r.score !== null && r.lastAssessment ? Math.round((r.score - r.lastAssessment.score) * 10) / 10 : null,
      restrictions: r.restrictions,
      overdueActions: r.overdueActions,
      openActions: r.openActions,
      nextWorkshop: r.nextWorkshop,
    })),
  };
});
