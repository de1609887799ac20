import { requirePracticePage } from "@/lib/auth/context";
import { PRACTICE_ROLE_LABELS } from "@/lib/auth/practice-permissions";
import { listPracticeApiTokens } from "@/lib/practices/api-token-queries";
import { revokePracticeApiTokenAction } from "@/lib/practices/api-token-actions";
import { PRACTICE_TOKEN_DEFAULT_DAYS, PRACTICE_TOKEN_LIFETIMES } from "@/lib/practices/api-token-schemas";
import { Badge, Card, PageHeader } from "@/components/ui/card";
import { ConfirmDelete } from "@/components/ui/confirm-delete";
import { PracticeTokenForm } from "@/components/practices/practice-token-form";
import { formatDay } from "@/lib/dates";

export const metadata = { title: "Practice API tokens" };

const DAY_MS = 86_400_000;

type Token = Awaited<ReturnType<typeof listPracticeApiTokens>>[number];

/** Partners make read-only tokens for the practice's endpoints, and see and revoke every one. */
export default async function PracticeApiTokensPage({ params }: { params: Promise<{ practice: string }> }) {
  const ctx = await requirePracticePage((await params).practice, "practice:manage");
  const now = new Date();
  const tokens = await listPracticeApiTokens(ctx, now);
  const lifetimes = PRACTICE_TOKEN_LIFETIMES.map((d) => ({ value: String(d), label: `${d} days, until ${formatDay(new Date(now.getTime() + d * DAY_MS))}${d === PRACTICE_TOKEN_DEFAULT_DAYS ? " (default)" : ""}` }));
  const base = `/api/v1/practices/${ctx.practiceSlug}`;
  return (
    <>
      <PageHeader title="API tokens" description="Read-only access to the practice's portfolio for scripts and dashboards." />
      <Card className="mb-6">
        <h2 className="text-base font-semibold text-slate-900">Create a practice API token</h2>
        <p className="mb-3 mt-1 text-sm text-slate-600">
          A practice token reads the practice, its clients, the portfolio and each client&apos;s benchmark under <code>
            {/* Breaks only after a slash on a phone, never inside a word. */}
            {base.split("/").map((part, i) => (
              <span key={i}>
                {i > 0 && (
                  <>
                    /<wbr />
                  </>
                )}
                {part}
              </span>
            ))}
          </code> (API description:{" "}
          <a className="text-brand-700 underline" href="/api/v1/openapi.json">
            /api/v1/openapi.json
          </a>
          ). It changes nothing and opens nothing inside a client: a client&apos;s own owners give tokens for its data. It stops working when it expires, when a
          partner revokes it, or when you leave the practice.
        </p>
        <PracticeTokenForm practiceSlug={ctx.practiceSlug} lifetimes={lifetimes} defaultDays={PRACTICE_TOKEN_DEFAULT_DAYS} />
      </Card>
      {tokens.length === 0 ? (
        <Card>
          <p className="text-sm text-slate-500">No practice API tokens yet.</p>
        </Card>
      ) : (
        <Card className="overflow-x-auto p-0">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <caption className="px-4 py-3 text-left text-base font-semibold text-slate-900">Tokens of {ctx.practiceName} ({tokens.length})</caption>
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="px-4 py-3">Name</th>
                <th scope="col" className="px-4 py-3">Made by</th>
                <th scope="col" className="px-4 py-3">Created</th>
                <th scope="col" className="px-4 py-3">Expires</th>
                <th scope="col" className="px-4 py-3">Last used</th>
                <th scope="col" className="px-4 py-3 text-right">Status</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {tokens.map((t) => (
                <TokenRow key={t.id} token={t} now={now} practiceSlug={ctx.practiceSlug} you={t.createdBy.id === ctx.userId} />
              ))}
            </tbody>
          </table>
        </Card>
      )}
    </>
  );
}

function TokenRow({ token: t, now, practiceSlug, you }: { token: Token; now: Date; practiceSlug: string; you: boolean }) {
  const expired = t.expiresAt <= now;
  const inactive = t.revokedAt !== null || expired || t.creatorRole === null;
  return (
    <tr className={inactive ? "text-slate-500" : undefined}>
      <th scope="row" className="px-4 py-3 text-left font-medium">
        {t.name}
      </th>
      <td className="px-4 py-3">
        {you ? "You" : t.createdBy.name}
        <span className="block text-xs text-slate-500">{t.creatorRole ? PRACTICE_ROLE_LABELS[t.creatorRole] : "has left the practice"}</span>
      </td>
      <td className="whitespace-nowrap px-4 py-3">{formatDay(t.createdAt)}</td>
      <td className="whitespace-nowrap px-4 py-3">{formatDay(t.expiresAt)}</td>
      <td className="px-4 py-3">{t.lastUsedAt ? formatDay(t.lastUsedAt) : "never"}</td>
      <td className="px-4 py-3 text-right">
        {t.revokedAt ? (
          <Badge>Revoked {formatDay(t.revokedAt)}</Badge>
        ) : expired ? (
          <Badge tone="red">Expired</Badge>
        ) : (
          <span className="inline-flex items-center gap-2">
            {t.creatorRole === null && <Badge tone="red">Refused: its creator left</Badge>}
            <ConfirmDelete
              action={revokePracticeApiTokenAction}
              fields={{ practice: practiceSlug, tokenId: t.id }}
              title={`Revoke the token “${t.name}”?`}
              consequences={["Requests with this token are refused at once.", "Anything that uses it must be given a new token."]}
              label="Revoke"
              note="The practice's audit trail records who revoked it."
              pendingText="Revoking…"
            />
          </span>
        )}
      </td>
    </tr>
  );
}
