import { redirect } from "next/navigation";
import { getCurrentUser, getMyPractices } from "@/lib/auth/context";
import { findHomeOrganisationSlug, hasAnyUser } from "@/lib/organisations/queries";

/** Sends everyone where they belong: first run, sign-in, the organisation they joined first, their practice's portfolio, or to create an organisation. */
export default async function Home() {
  const user = await getCurrentUser();
  if (!user) redirect((await hasAnyUser()) ? "/sign-in" : "/setup");
  const home = await findHomeOrganisationSlug(user.id);
  if (home) redirect(`/${home}`);
  const [practice] = await getMyPractices();
  redirect(practice ? `/practices/${practice.slug}` : "/organisations/new");
}
