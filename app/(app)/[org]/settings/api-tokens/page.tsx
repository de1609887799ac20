import { requireOrgPage } from "@/lib/auth/context";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { listApiTokens } from "@/lib/api-tokens/queries";
import { revokeApiTokenAction } from "@/lib/api-tokens/actions";
import { Badge, Card, PageHeader } from "@/components/ui/card";
import { ConfirmDelete } from "@/components/ui/confirm-delete";
import { SettingsTabs } from "@/components/organisations/settings-tabs";
import { CreateTokenForm } from "@/components/api-tokens/create-token-form";

export const metadata = { title: "API tokens" };

const day = (d: Date | null) => (d ? d.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric" }) : "never");

export default async function ApiTokensPage({ params }: { params: Promise<{ org: string }> }) {
  const ctx = await requireOrgPage((await params).org, "api_tokens:manage");
  const tokens = await listApiTokens(ctx);
  return (
    <>
      <PageHeader title="Settings" description="The organisation's profile, its members and their roles." />
      <SettingsTabs orgSlug={ctx.organisationSlug} current="api-tokens" />
      <Card className="mb-6">
        <h2 className="text-base font-semibold text-slate-900">Create an API token</h2>
        <p className="mb-4 mt-1 text-sm text-slate-600">
          Scripts and other systems use a token to call the API under <code>/api/v1/orgs/{ctx.organisationSlug}</code> with the role you choose (API description:{" "}
          <a className="text-brand-700 hover:underline" href="/api/v1/openapi.json">
            /api/v1/openapi.json
          </a>
          ). Their changes are recorded in your name. A token stops working when it is revoked or when you leave the organisation.
        </p>
        <CreateTokenForm orgSlug={ctx.organisationSlug} />
      </Card>
      <Card className="overflow-x-auto p-0">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="px-4 py-3 text-left text-base font-semibold text-slate-900">API tokens ({tokens.length})</caption>
          <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="px-4 py-3">Name</th>
              <th scope="col" className="px-4 py-3">Role</th>
              <th scope="col" className="px-4 py-3">Created by</th>
              <th scope="col" className="px-4 py-3">Created</th>
              <th scope="col" className="px-4 py-3">Last used</th>
              <th scope="col" className="px-4 py-3 text-right">Status</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {tokens.length === 0 && (
              <tr>
                <td colSpan={6} className="px-4 py-6 text-center text-slate-500">
                  No API tokens yet.
                </td>
              </tr>
            )}
            {tokens.map((t) => (
              <tr key={t.id} className={t.revokedAt ? "text-slate-400" : undefined}>
                <th scope="row" className="px-4 py-3 text-left font-medium">
                  {t.name}
                </th>
                <td className="px-4 py-3">{ROLE_LABELS[t.role]}</td>
                <td className="px-4 py-3">{t.createdBy.name}</td>
                <td className="px-4 py-3">{day(t.createdAt)}</td>
                <td className="px-4 py-3">{day(t.lastUsedAt)}</td>
                <td className="px-4 py-3 text-right">
                  {t.revokedAt ? (
                    <Badge>Revoked {day(t.revokedAt)}</Badge>
                  ) : (
                    <ConfirmDelete
                      action={revokeApiTokenAction}
                      fields={{ org: ctx.organisationSlug, tokenId: t.id }}
                      title={`Revoke the token “${t.name}”?`}
                      consequences={["Requests with this token are refused at once.", "Anything that uses it must be given a new token."]}
                      label="Revoke"
                    />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
    </>
  );
}
