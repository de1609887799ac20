import { requireOrgPage } from "@/lib/auth/context";
import { can, ROLE_LABELS } from "@/lib/auth/permissions";
import { getApiTokenPolicy, listApiTokens, listOwnApiTokens } from "@/lib/api-tokens/queries";
import { revokeApiTokenAction, revokeOwnApiTokenAction } from "@/lib/api-tokens/actions";
import { effectiveTokenRole } from "@/lib/api-tokens/effective-role";
import type { ApiTokenPolicy } from "@/lib/api-tokens/schemas";
import { Badge, Card, PageHeader } from "@/components/ui/card";
import { ConfirmDelete } from "@/components/ui/confirm-delete";
import { SettingsTabs } from "@/components/organisations/settings-tabs";
import { CreateTokenForm } from "@/components/api-tokens/create-token-form";
import { TokenPolicyForm } from "@/components/api-tokens/token-policy-form";
import { formatDay } from "@/lib/dates";

export const metadata = { title: "API tokens" };

const DAY_MS = 86_400_000;
/** Dates in UTC, as the API's "expired on …" answer gives them. */
const PRESET_DAYS = [7, 30, 90, 180, 365];
/** Tokens that expire sooner than this are flagged, so their owners renew them in time. */
const SOON_DAYS = 14;

/** The lifetimes offered at creation: common ones within the maximum, plus the default and the maximum. */
function lifetimeOptions(policy: ApiTokenPolicy, now: Date) {
  const days = [...new Set([...PRESET_DAYS, policy.defaultDays, policy.maxDays])].filter((d) => d <= policy.maxDays).sort((a, b) => a - b);
  return days.map((d) => ({
    value: String(d),
    label: `${d} ${d === 1 ? "day" : "days"}, until ${formatDay(new Date(now.getTime() + d * DAY_MS))}${d === policy.defaultDays ? " (default)" : ""}`,
  }));
}

type Token = Awaited<ReturnType<typeof listApiTokens>>[number];

export default async function ApiTokensPage({ params }: { params: Promise<{ org: string }> }) {
  const ctx = await requireOrgPage((await params).org, "api_tokens:own");
  const manage = can(ctx.role, "api_tokens:manage");
  const now = new Date();
  const [tokens, policy] = await Promise.all([manage ? listApiTokens(ctx, now) : listOwnApiTokens(ctx, now), getApiTokenPolicy(ctx)]);
  // Owners see every member's tokens, one table per member (the caller's first).
  const groups = new Map<string, Token[]>();
  for (const t of [...tokens].sort((a, b) => Number(b.createdBy.id === ctx.userId) - Number(a.createdBy.id === ctx.userId) || a.createdBy.name.localeCompare(b.createdBy.name))) {
    groups.set(t.createdBy.id, [...(groups.get(t.createdBy.id) ?? []), t]);
  }
  const revoke = manage ? revokeApiTokenAction : revokeOwnApiTokenAction;
  return (
    <>
      <PageHeader title="Settings" description="The organisation's profile, its members and their roles." />
      <SettingsTabs orgSlug={ctx.organisationSlug} current="api-tokens" />
      {manage ? (
        <>
          <Card className="mb-6">
            <h2 className="text-base font-semibold text-slate-900">Create an API token</h2>
            <p className="mb-4 mt-1 text-sm text-slate-600">
              Scripts and other systems use a token to call the API under <code>/api/v1/orgs/{ctx.organisationSlug}</code> with the role you choose (API description:{" "}
              <a className="text-brand-700 underline" href="/api/v1/openapi.json">
                /api/v1/openapi.json
              </a>
              ). Their changes are recorded in your name. A token never does more than you may do yourself at the time of each request; it stops working when it
              expires, when it is revoked, or when you leave the organisation.
            </p>
            <CreateTokenForm orgSlug={ctx.organisationSlug} lifetimes={lifetimeOptions(policy, now)} defaultDays={policy.defaultDays} />
          </Card>
          <Card className="mb-6">
            <h2 className="text-base font-semibold text-slate-900">Token lifetimes</h2>
            <p className="mb-4 mt-1 text-sm text-slate-600">
              Every token expires. These apply to tokens created from now on; existing tokens keep their expiry (revoke those you want to end sooner).
            </p>
            <TokenPolicyForm orgSlug={ctx.organisationSlug} policy={policy} />
          </Card>
        </>
      ) : (
        <Card className="mb-6">
          <p className="text-sm text-slate-600">
            Owners create API tokens. Here you see the tokens you created (for example while you were an owner) and can revoke them. A token never does more than
            your role allows today ({ROLE_LABELS[ctx.role]}); tokens expire after at most {policy.maxDays} days.
          </p>
        </Card>
      )}
      {groups.size === 0 && (
        <Card>
          <p className="text-sm text-slate-500">{manage ? "No API tokens yet." : "You have no API tokens."}</p>
        </Card>
      )}
      <div className="space-y-6">
        {[...groups.values()].map((group) => {
          const creator = group[0]!.createdBy;
          const creatorRole = group[0]!.creatorRole;
          const whose = creator.id === ctx.userId ? "Your API tokens" : `API tokens of ${creator.name}`;
          const standing = creatorRole ? ROLE_LABELS[creatorRole] : "has left the organisation";
          return (
            <Card key={creator.id} className="overflow-x-auto p-0">
              <table className="min-w-full divide-y divide-slate-200 text-sm">
                <caption className="px-4 py-3 text-left text-base font-semibold text-slate-900">
                  {whose} ({group.length}) <span className="text-sm font-normal text-slate-500">· {creator.id === ctx.userId ? "your role" : "role"}: {standing}</span>
                </caption>
                <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
                  <tr>
                    <th scope="col" className="px-4 py-3">Name</th>
                    <th scope="col" className="px-4 py-3">Role</th>
                    <th scope="col" className="px-4 py-3">Created</th>
                    <th scope="col" className="px-4 py-3">Expires</th>
                    <th scope="col" className="px-4 py-3">Last used</th>
                    <th scope="col" className="px-4 py-3 text-right">Status</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {group.map((t) => (
                    <TokenRow key={t.id} token={t} now={now} orgSlug={ctx.organisationSlug} revoke={revoke} />
                  ))}
                </tbody>
              </table>
            </Card>
          );
        })}
      </div>
    </>
  );
}

function TokenRow({ token: t, now, orgSlug, revoke }: { token: Token; now: Date; orgSlug: string; revoke: typeof revokeApiTokenAction }) {
  const expired = t.expiresAt <= now;
  const inactive = t.revokedAt !== null || expired || t.creatorRole === null;
  const actsAs = t.creatorRole ? effectiveTokenRole(t.role, t.creatorRole) : null;
  const daysLeft = Math.ceil((t.expiresAt.getTime() - now.getTime()) / DAY_MS);
  return (
    <tr className={inactive ? "text-slate-500" : undefined}>
      <th scope="row" className="px-4 py-3 text-left font-medium">
        {t.name}
      </th>
      <td className="px-4 py-3">
        {ROLE_LABELS[t.role]}
        {actsAs && actsAs !== t.role && <span className="block text-xs text-amber-800">acts as {ROLE_LABELS[actsAs]} (its creator&apos;s role now)</span>}
      </td>
      <td className="px-4 py-3">{formatDay(t.createdAt)}</td>
      <td className="px-4 py-3">
        {formatDay(t.expiresAt)}
        {!inactive && daysLeft <= SOON_DAYS && (
          <span className="ml-2">
            <Badge tone="amber">in {daysLeft} {daysLeft === 1 ? "day" : "days"}</Badge>
          </span>
        )}
      </td>
      <td className="px-4 py-3">{t.lastUsedAt ? formatDay(t.lastUsedAt) : "never"}</td>
      <td className="px-4 py-3 text-right">
        {t.revokedAt ? (
          <Badge>Revoked {formatDay(t.revokedAt)}</Badge>
        ) : expired ? (
          // Nothing to revoke: an expired token never works again.
          <Badge tone="red">Expired</Badge>
        ) : (
          <span className="inline-flex items-center gap-2">
            {/* Refused while its creator is not a member; revoke it, or it works again if they rejoin. */}
            {t.creatorRole === null && <Badge tone="red">Refused: its creator left</Badge>}
            <ConfirmDelete
              action={revoke}
              fields={{ org: orgSlug, tokenId: t.id }}
              title={`Revoke the token “${t.name}”?`}
              consequences={["Requests with this token are refused at once.", "Anything that uses it must be given a new token."]}
              label="Revoke"
            />
          </span>
        )}
      </td>
    </tr>
  );
}
