import { headers } from "next/headers";
import { requireOrgPage } from "@/lib/auth/context";
import { env } from "@/lib/env";
import { getSsoSettings, RECENT_SSO_ERRORS, type SsoSettings } from "@/lib/sso/queries";
import { deleteSsoConnectionAction, removeSsoDomainAction, revokeScimTokenAction } from "@/lib/sso/actions";
import { providerId } from "@/lib/sso/config";
import { acsUrl, spEntityId, spMetadataUrl } from "@/lib/sso/saml-metadata";
import { formatDateTime, formatDay } from "@/lib/dates";
import { Badge, Card, PageHeader, Panel } from "@/components/ui/card";
import { Alert } from "@/components/ui/alert";
import { CopyLink } from "@/components/ui/copy-link";
import { ConfirmDelete } from "@/components/ui/confirm-delete";
import { SettingsTabs } from "@/components/organisations/settings-tabs";
import { ConnectionForm } from "@/components/sso/connection-form";
import { publicOrigin } from "@/lib/sso/public-origin";
import { AddDomainForm, BreakGlassToggle, CreateScimTokenForm, RefreshMetadataButton, RequireSsoSwitch, VerifyDomainButton } from "@/components/sso/sso-forms";

export const metadata = { title: "Single sign-on" };

/** Where people reach Sovra (lib/sso/public-origin.ts): SOVRA_PUBLIC_URL, else this request's Host (wrong behind a reverse proxy without it). */
async function publicBaseUrl(): Promise<{ base: string; configured: boolean }> {
  const e = env();
  return { base: publicOrigin(await headers(), e), configured: Boolean(e.SOVRA_PUBLIC_URL) };
}

function SectionTitle({ id, children, description }: { id: string; children: React.ReactNode; description?: React.ReactNode }) {
  return (
    <>
      <h2 id={id} className="text-base font-semibold text-slate-900">
        {children}
      </h2>
      {description && <p className="mb-4 mt-1 text-sm text-slate-600">{description}</p>}
    </>
  );
}

export default async function SsoSettingsPage({ params }: { params: Promise<{ org: string }> }) {
  const ctx = await requireOrgPage((await params).org, "sso:manage");
  const [settings, { base, configured }] = await Promise.all([getSsoSettings(ctx), publicBaseUrl()]);
  const { connection } = settings;
  const slug = ctx.organisationSlug;
  const breakGlassOwners = settings.owners.filter((o) => o.breakGlass);
  const callerIsBreakGlass = breakGlassOwners.some((o) => o.userId === ctx.userId);

  const consequences = settings.ssoRequired
    ? ["Members may sign in with their password again, as well as through single sign-on.", "Nobody is signed out."]
    : [
        `Members sign in only through ${connection?.name ?? "the identity provider"}; the password sign-in refuses everyone who is not a break-glass owner.`,
        "Every open password session of a member who is not a break-glass owner ends at once: they must sign in again through single sign-on.",
        breakGlassOwners.length
          ? `Break-glass owners keep their password: ${breakGlassOwners.map((o) => o.name).join(", ")}.`
          : "No owner is a break-glass account yet: mark one below first, or this will be refused.",
        ...(callerIsBreakGlass ? [] : ["You are not a break-glass owner: if you signed in with your password, you are signed out too."]),
      ];

  return (
    <>
      <PageHeader title="Settings" description="The organisation's profile, its members and their roles." />
      <SettingsTabs orgSlug={slug} current="sso" />

      <div className="space-y-6">
        <Card aria-labelledby="sso-connection">
          <SectionTitle id="sso-connection" description="People with an email on a verified domain below sign in through this identity provider. Saving does not sign anyone in or out.">
            Identity provider connection
          </SectionTitle>
          {connection && (
            <div className="mb-6 flex flex-wrap items-center gap-2 text-sm">
              <Badge tone={connection.enabled ? "emerald" : "slate"}>{connection.enabled ? "Enabled" : "Switched off"}</Badge>
              <span className="text-slate-600">
                {connection.protocol === "oidc" ? "OpenID Connect" : "SAML 2.0"} · saved {formatDateTime(connection.updatedAt)}
              </span>
            </div>
          )}
          <ConnectionForm orgSlug={slug} connection={connection} />
          {connection && <RegisterValues settings={settings} base={base} configured={configured} orgSlug={slug} />}
        </Card>

        <Card aria-labelledby="sso-domains">
          <SectionTitle id="sso-domains" description="Prove that the organisation controls an email domain with a DNS TXT record. A domain verified here cannot be claimed by another organisation.">
            Verified domains
          </SectionTitle>
          <AddDomainForm orgSlug={slug} />
          {settings.domains.length > 0 && (
            <ul className="mt-6 divide-y divide-slate-100 border-t border-slate-100">
              {settings.domains.map((d) => (
                <li key={d.id} className="space-y-3 py-4">
                  <div className="flex flex-wrap items-center justify-between gap-2">
                    <span className="flex flex-wrap items-center gap-2">
                      <span className="font-medium text-slate-900">{d.domain}</span>
                      {d.verifiedAt ? <Badge tone="emerald">Verified {formatDay(d.verifiedAt)}</Badge> : <Badge tone="amber">Not verified</Badge>}
                      {!d.verifiedAt && d.lastCheckedAt && <span className="text-xs text-slate-500">last checked {formatDateTime(d.lastCheckedAt)}</span>}
                    </span>
                    <ConfirmDelete
                      action={removeSsoDomainAction}
                      fields={{ org: slug, domainId: d.id }}
                      title={`Remove ${d.domain}?`}
                      consequences={
                        d.verifiedAt
                          ? [`People with an email on ${d.domain} are no longer sent to this organisation's identity provider.`, "Verifying it again needs a new TXT record."]
                          : ["Its TXT record is no longer needed; you may delete it from your DNS."]
                      }
                      label="Remove"
                      note="The audit log keeps a record of the removal."
                      pendingText="Removing…"
                    />
                  </div>
                  <VerifyDomainButton orgSlug={slug} domainId={d.id} domain={d.domain} verified={d.verifiedAt !== null}>
                    <p>Create this TXT record at your DNS provider, then verify:</p>
                    <div className="mt-2 grid gap-2 md:grid-cols-2">
                      <div>
                        <span className="text-xs font-medium text-slate-600">Name</span>
                        <CopyLink link={d.recordName} label={`TXT record name for ${d.domain}`} />
                      </div>
                      <div>
                        <span className="text-xs font-medium text-slate-600">Value</span>
                        <CopyLink link={d.verificationToken} label={`TXT record value for ${d.domain}`} />
                      </div>
                    </div>
                  </VerifyDomainButton>
                </li>
              ))}
            </ul>
          )}
        </Card>

        <Card aria-labelledby="sso-required">
          <SectionTitle
            id="sso-required"
            description="When single sign-on is required, members can no longer sign in with a password: only break-glass owners keep theirs, so that someone can still sign in and change this if the identity provider is down."
          >
            Require single sign-on
          </SectionTitle>
          <RequireSsoSwitch orgSlug={slug} required={settings.ssoRequired} version={settings.organisationVersion} consequences={consequences} />
          <h3 className="mt-6 text-sm font-semibold text-slate-900">Owners and break-glass accounts</h3>
          <ul className="mt-2 divide-y divide-slate-100">
            {settings.owners.map((o) => (
              <li key={o.membershipId} className="flex flex-wrap items-center justify-between gap-3 py-3">
                <span className="min-w-0 text-sm">
                  <span className="font-medium text-slate-900">{o.name}</span> {o.userId === ctx.userId && <Badge tone="brand">you</Badge>} {o.breakGlass && <Badge tone="amber">Break-glass</Badge>}
                  <span className="block break-all text-slate-600">{o.email}</span>
                </span>
                <BreakGlassToggle orgSlug={slug} membershipId={o.membershipId} breakGlass={o.breakGlass} version={o.version} name={o.name} />
              </li>
            ))}
          </ul>
        </Card>

        <Card aria-labelledby="sso-scim">
          <SectionTitle id="sso-scim" description="Your identity provider creates, updates and deactivates members through SCIM 2.0 (and their roles through group-to-role mapping). Give it this base URL and a token.">
            SCIM provisioning
          </SectionTitle>
          <div className="mb-4">
            <span className="text-xs font-medium text-slate-600">SCIM base URL</span>
            <CopyLink link={`${base}/api/scim/v2/${ctx.organisationId}`} label="SCIM base URL" />
          </div>
          <CreateScimTokenForm orgSlug={slug} />
          <ScimTokens tokens={settings.scimTokens} orgSlug={slug} />
        </Card>

        <Panel aria-labelledby="sso-errors" className="overflow-x-auto">
          <div className="px-5 pt-5">
            <SectionTitle id="sso-errors" description={`The latest ${RECENT_SSO_ERRORS} failed single sign-ons into this organisation. People are shown the reference; ask them for it.`}>
              Recent sign-in errors
            </SectionTitle>
          </div>
          {settings.loginErrors.length === 0 ? (
            <p className="px-5 pb-5 text-sm text-slate-500">No failed sign-ins.</p>
          ) : (
            // A list rather than a table: the explanation is the long part, and it must stay readable on a phone.
            <ul className="divide-y divide-slate-100 border-t border-slate-200 text-sm">
              {settings.loginErrors.map((e) => (
                <li key={e.reference} className="px-5 py-3">
                  <p className="font-medium text-slate-900">{e.title}</p>
                  <p className="break-words text-xs text-slate-600">{e.detail}</p>
                  <p className="mt-1 flex flex-wrap gap-x-3 gap-y-0.5 text-xs text-slate-500">
                    <span>
                      Reference <span className="font-mono font-medium text-slate-800">{e.reference}</span>
                    </span>
                    <span>{formatDateTime(e.createdAt)}</span>
                    {e.email && <span className="break-all">{e.email}</span>}
                  </p>
                </li>
              ))}
            </ul>
          )}
        </Panel>
      </div>
    </>
  );
}

/** What to register at the identity provider, with copy buttons; and the connection's own buttons. */
function RegisterValues({ settings, base, configured, orgSlug }: { settings: SsoSettings; base: string; configured: boolean; orgSlug: string }) {
  const c = settings.connection!;
  return (
    <div className="mt-8 space-y-4 border-t border-slate-100 pt-6">
      <h3 className="text-sm font-semibold text-slate-900">Register these at your identity provider</h3>
      {!configured && (
        <Alert tone="warning">
          These addresses come from how you reached this page ({base}). Behind a reverse proxy, set SOVRA_PUBLIC_URL to the address people use, or the identity provider will send them to the wrong place.
        </Alert>
      )}
      {c.protocol === "oidc" ? (
        <div>
          <span className="text-xs font-medium text-slate-600">Redirect URI</span>
          <CopyLink link={`${base}/api/auth/callback/${providerId(c.id)}`} label="Redirect URI" />
        </div>
      ) : (
        <>
          <div className="grid gap-4 md:grid-cols-2">
            <div>
              <span className="text-xs font-medium text-slate-600">Assertion consumer service (reply) URL</span>
              <CopyLink link={acsUrl(c.id, base)} label="ACS URL" />
            </div>
            <div>
              <span className="text-xs font-medium text-slate-600">Entity ID (audience)</span>
              <CopyLink link={spEntityId(c.id, base)} label="SP entity ID" />
            </div>
          </div>
          <p className="text-sm">
            <a className="text-brand-700 underline" href={spMetadataUrl(c.id, base)} download>
              Download SP metadata
            </a>
          </p>
          <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[auto_minmax(0,1fr)]">
            <dt className="text-slate-600">IdP entity ID</dt>
            <dd className="break-all">{c.samlIdpEntityId ?? "—"}</dd>
            <dt className="text-slate-600">IdP sign-in URL</dt>
            <dd className="break-all">{c.samlIdpSsoUrl ?? "—"}</dd>
            <dt className="text-slate-600">Signing certificates</dt>
            <dd>
              {c.samlCertificates.length === 0
                ? "none"
                : c.samlCertificates.map((cert, i) => <span key={i} className="block">{cert ? `${cert.subject}, valid until ${formatDay(cert.validTo)}` : "unreadable certificate"}</span>)}
            </dd>
          </dl>
          {c.samlMetadataUrl && <RefreshMetadataButton orgSlug={orgSlug} />}
        </>
      )}
      <div className="flex justify-end">
        <ConfirmDelete
          action={deleteSsoConnectionAction}
          fields={{ org: orgSlug, version: c.version }}
          title="Delete the single sign-on connection?"
          consequences={[
            `Nobody signs in through ${c.name} any more; people who have a password keep it.`,
            "The group-to-role mapping is deleted with it; verified domains and SCIM tokens stay.",
            ...(settings.ssoRequired ? ["Refused while single sign-on is required: turn that off first."] : []),
          ]}
          label="Delete connection"
        />
      </div>
    </div>
  );
}

function ScimTokens({ tokens, orgSlug }: { tokens: SsoSettings["scimTokens"]; orgSlug: string }) {
  if (tokens.length === 0) return <p className="mt-4 text-sm text-slate-500">No SCIM tokens yet.</p>;
  return (
    <div className="mt-6 overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">SCIM tokens</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-3 py-2">Name</th>
            <th scope="col" className="px-3 py-2">Created</th>
            <th scope="col" className="px-3 py-2">Last used</th>
            <th scope="col" className="px-3 py-2 text-right">Status</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {tokens.map((t) => (
            <tr key={t.id} className={t.revokedAt ? "text-slate-500" : undefined}>
              <th scope="row" className="px-3 py-2 text-left font-medium">
                {t.name}
              </th>
              <td className="px-3 py-2">
                {formatDay(t.createdAt)}
                {t.createdBy && <span className="block text-xs text-slate-500">by {t.createdBy.name}</span>}
              </td>
              <td className="px-3 py-2">{t.lastUsedAt ? formatDateTime(t.lastUsedAt) : "never"}</td>
              <td className="px-3 py-2 text-right">
                {t.revokedAt ? (
                  <Badge>Revoked {formatDay(t.revokedAt)}</Badge>
                ) : (
                  <ConfirmDelete
                    action={revokeScimTokenAction}
                    fields={{ org: orgSlug, tokenId: t.id }}
                    title={`Revoke the SCIM token “${t.name}”?`}
                    consequences={["The identity provider's provisioning calls with this token are refused at once.", "Members it created stay; give the IdP a new token to keep them in step."]}
                    label="Revoke"
                    note="The audit log keeps a record of the revocation."
                    pendingText="Revoking…"
                  />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
