import { practiceApiRoute } from "@/lib/api/route";
import { getPracticeOperation } from "@/lib/api/practice-operations";
import { countPracticeClients, getPractice, listPracticeMembers } from "@/lib/practices/queries";

export const GET = practiceApiRoute(getPracticeOperation, async ({ ctx }) => {
  const [practice, members, clients] = await Promise.all([getPractice(ctx), listPracticeMembers(ctx), countPracticeClients(ctx)]);
  return {
    slug: practice.slug,
    name: practice.name,
    role: ctx.role,
    brandReports: practice.brandReports,
    members: members.map((m) => ({ name: m.user.name, role: m.role, since: m.createdAt.toISOString() })),
    clients,
  };
});
