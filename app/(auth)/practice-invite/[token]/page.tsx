import Link from "next/link";
import { getCurrentUser } from "@/lib/auth/context";
import { findUsablePracticeInvitation } from "@/lib/practices/invitation-queries";
import { practiceInvitationTokenSchema } from "@/lib/practices/invitation-schemas";
import { PRACTICE_ROLE_DESCRIPTIONS, PRACTICE_ROLE_LABELS } from "@/lib/auth/practice-permissions";
import { AcceptAsSignedIn, AcceptWithNewAccount } from "@/components/members/accept-invitation";
import { InvalidInvitation } from "@/components/members/invalid-invitation";
import { acceptPracticeInvitationAction, acceptPracticeInvitationWithAccountAction } from "@/lib/practices/invitation-actions";
import { SignOutLink } from "@/components/shell/sign-out-link";
import { inSentence } from "@/scoring/words";

export const metadata = { title: "Invitation to a practice" };

export default async function PracticeInvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invitation = practiceInvitationTokenSchema.safeParse(token).success ? await findUsablePracticeInvitation(token) : null;
  if (!invitation) return <InvalidInvitation sender="partner" />;
  const user = await getCurrentUser();
  return (
    <>
      <h1 className="text-xl font-semibold text-slate-900">
        Join {invitation.practice.name} as {PRACTICE_ROLE_LABELS[invitation.role]}
      </h1>
      <p className="mb-6 mt-1 text-sm text-slate-600">
        {invitation.practice.name} is a consultancy on Sovra. A {inSentence(PRACTICE_ROLE_LABELS[invitation.role])} {inSentence(PRACTICE_ROLE_DESCRIPTIONS[invitation.role])}.
      </p>
      {user ? (
        <>
          {/* A div: the sign-out button is a form, which a <p> cannot hold (the browser would split the paragraph and React's hydration fail). */}
          <div className="mb-4 text-sm text-slate-700">
            You are signed in as <span className="break-words">{user.email}</span>. Not you? <SignOutLink label="Sign out" /> and open the link again.
          </div>
          <AcceptAsSignedIn token={token} action={acceptPracticeInvitationAction} joinLabel="Join the practice" />
        </>
      ) : (
        <>
          <AcceptWithNewAccount token={token} email={invitation.email} action={acceptPracticeInvitationWithAccountAction} />
          <p className="mt-4 text-center text-sm text-slate-600">
            Already have an account?{" "}
            <Link href={`/sign-in?callbackUrl=${encodeURIComponent(`/practice-invite/${token}`)}`} className="font-medium text-brand-700 hover:underline">
              Sign in first
            </Link>
          </p>
        </>
      )}
    </>
  );
}
