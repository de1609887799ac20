import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/context";
import { findHomeOrganisationSlug, hasAnyUser } from "@/lib/organisations/queries";

/** Sends everyone where they belong: first run, sign-in, the organisation they joined first, or to create one. */
export default async function Home() {
  const user = await getCurrentUser();
  if (!user) redirect((await hasAnyUser()) ? "/sign-in" : "/setup");
  const home = await findHomeOrganisationSlug(user.id);
  redirect(home ? `/${home}` : "/organisations/new");
}
