import Link from "next/link";
import { getCurrentUser } from "@/lib/auth/context";
import { findUsableInvitation } from "@/lib/members/queries";
import { invitationTokenSchema } from "@/lib/members/schemas";
import { ROLE_DESCRIPTIONS, ROLE_LABELS } from "@/lib/auth/permissions";
import { AcceptAsSignedIn, AcceptWithNewAccount } from "@/components/members/accept-invitation";
import { InvalidInvitation } from "@/components/members/invalid-invitation";
import { acceptInvitationAction, acceptInvitationWithAccountAction } from "@/lib/members/actions";
import { SignOutLink } from "@/components/shell/sign-out-link";
import { inSentence } from "@/scoring/words";

export const metadata = { title: "Invitation" };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invitation = invitationTokenSchema.safeParse(token).success ? await findUsableInvitation(token) : null;
  if (!invitation) return <InvalidInvitation sender="owner" />;
  const user = await getCurrentUser();
  return (
    <>
      <h1 className="text-xl font-semibold text-slate-900">Join {invitation.organisation.name}</h1>
      <p className="mb-6 mt-1 text-sm text-slate-600">
        You are invited as <strong>{ROLE_LABELS[invitation.role]}</strong>: {inSentence(ROLE_DESCRIPTIONS[invitation.role])}.
      </p>
      {user ? (
        <>
          {/* A div: the sign-out button is a form, which a <p> cannot hold (the browser would split the paragraph and React's hydration fail). */}
          <div className="mb-4 text-sm text-slate-700">
            You are signed in as {user.email}. Not you? <SignOutLink label="Sign out" /> and open the link again.
          </div>
          <AcceptAsSignedIn token={token} action={acceptInvitationAction} joinLabel="Join organisation" />
        </>
      ) : (
        <>
          <AcceptWithNewAccount token={token} email={invitation.email} action={acceptInvitationWithAccountAction} />
          <p className="mt-4 text-center text-sm text-slate-600">
            Already have an account?{" "}
            <Link href={`/sign-in?callbackUrl=${encodeURIComponent(`/invite/${token}`)}`} className="font-medium text-brand-700 hover:underline">
              Sign in first
            </Link>
          </p>
        </>
      )}
    </>
  );
}
