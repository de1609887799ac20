"use client";
import { useActionState, useId, useState } from "react";
import { saveSsoConnectionAction } from "@/lib/sso/actions";
import { idle, submitted, type ActionState } from "@/lib/action-state";
import { ROLES, ROLE_LABELS, type Role } from "@/lib/auth/permissions";
import { SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

/** What the form is filled from: the stored connection (never its secret), or null for a first one. */
export interface ConnectionFormValues {
  version: number;
  protocol: "oidc" | "saml";
  name: string;
  enabled: boolean;
  oidcIssuer: string | null;
  oidcClientId: string | null;
  clientSecretSet: boolean;
  samlMetadataUrl: string | null;
  samlAllowIdpInitiated: boolean;
  groupsAttribute: string;
  groupRoles: { group: string; role: Role }[];
  defaultRole: Role | null;
}

const DEFAULT_ROLE_OPTIONS = [{ value: "none", label: "Nobody: refuse the sign-in" }, ...ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))];

/** A checkbox's value after a failed save (what was sent), else the stored one. */
function checkedAfter(state: ActionState, name: string, stored: boolean): boolean {
  if (state.status !== "error" || !state.values) return stored;
  return state.values[name] === "on";
}

type Row = { key: number; group: string; role: Role };

/**
 * The identity provider connection: OpenID Connect or SAML 2.0, the sign-in button's label, and
 * the group-to-role mapping. Controlled where React would otherwise reset a field after a failed
 * save (the protocol, the secret, the mapping's rows), so nothing typed is lost.
 */
export function ConnectionForm({ orgSlug, connection }: { orgSlug: string; connection: ConnectionFormValues | null }) {
  const [state, action] = useActionState(saveSsoConnectionAction, idle);
  const [protocol, setProtocol] = useState<"oidc" | "saml">(connection?.protocol ?? "oidc");
  const [secret, setSecret] = useState("");
  // A saved secret is cleared from the field (it is stored now); a refused one stays to be corrected.
  const [seen, setSeen] = useState(state);
  if (seen !== state) {
    setSeen(state);
    if (state.status === "success") setSecret("");
  }
  const [rows, setRows] = useState<Row[]>(() => (connection?.groupRoles ?? []).map((r, i) => ({ key: i, ...r })));
  const [nextKey, setNextKey] = useState(rows.length);
  const mappingId = useId();
  const errors = state.status === "error" ? state.fieldErrors : undefined;
  const value = (name: string, stored: string | null | undefined) => submitted(state, name) ?? stored ?? "";
  // After a successful save the page re-renders with the new version; a failed one keeps the version it was filled from.
  const version = connection ? String(connection.version) : "";

  const addRow = () => {
    setRows((r) => [...r, { key: nextKey, group: "", role: "viewer" }]);
    setNextKey((k) => k + 1);
    // Focus the new row's group field once it is rendered (keyboard users stay where they work).
    requestAnimationFrame(() => document.getElementById(`${mappingId}-group-${nextKey}`)?.focus());
  };
  const removeRow = (key: number, index: number) => {
    setRows((r) => r.filter((row) => row.key !== key));
    requestAnimationFrame(() => {
      const next = document.querySelectorAll<HTMLInputElement>(`[data-mapping="${mappingId}"] input[name="group"]`)[index] ?? document.getElementById(`${mappingId}-add`);
      next?.focus();
    });
  };

  return (
    <form action={action} noValidate className="space-y-6">
      <input type="hidden" name="org" value={orgSlug} />
      <input type="hidden" name="version" value={version} />
      {state.status === "error" && <Alert tone="error">{state.message}</Alert>}
      {state.status === "success" && state.message && <Alert tone="success">{state.message}</Alert>}

      <fieldset>
        <legend className="text-sm font-medium text-slate-800">Protocol</legend>
        <div className="mt-2 flex flex-wrap gap-x-6 gap-y-2 text-sm">
          {(["oidc", "saml"] as const).map((p) => (
            <label key={p} className="inline-flex items-center gap-2">
              <input type="radio" name="protocol" value={p} checked={protocol === p} onChange={() => setProtocol(p)} className="size-4 text-brand-600 focus:ring-brand-500" />
              {p === "oidc" ? "OpenID Connect" : "SAML 2.0"}
            </label>
          ))}
        </div>
        {connection && connection.protocol !== protocol && (
          <p className="mt-2 text-xs text-amber-800">Saving with another protocol replaces the {connection.protocol === "oidc" ? "OpenID Connect" : "SAML"} settings.</p>
        )}
      </fieldset>

      <div className="grid gap-4 md:grid-cols-2">
        <TextField label="Button label" name="name" defaultValue={value("name", connection?.name ?? "Single sign-on")} errors={errors?.name} hint="What the sign-in page's button says, such as “Contoso (Entra ID)”" maxLength={80} />
        <TextField label="Groups attribute" name="groupsAttribute" defaultValue={value("groupsAttribute", connection?.groupsAttribute ?? "groups")} errors={errors?.groupsAttribute} hint="The claim (OIDC) or attribute (SAML) that lists a person's groups" />
      </div>

      {protocol === "oidc" ? (
        <div className="grid gap-4 md:grid-cols-2">
          <TextField
            className="md:col-span-2"
            label="Issuer URL"
            name="oidcIssuer"
            type="url"
            inputMode="url"
            placeholder="https://login.microsoftonline.com/…/v2.0"
            defaultValue={value("oidcIssuer", connection?.oidcIssuer)}
            errors={errors?.oidcIssuer}
            hint="Sovra reads {issuer}/.well-known/openid-configuration at sign-in; saving does not contact it"
          />
          <TextField label="Client ID" name="oidcClientId" autoComplete="off" defaultValue={value("oidcClientId", connection?.oidcClientId)} errors={errors?.oidcClientId} />
          <TextField
            label="Client secret"
            name="oidcClientSecret"
            type="password"
            autoComplete="new-password"
            value={secret}
            onChange={(e) => setSecret(e.target.value)}
            placeholder={connection?.clientSecretSet ? "Stored: leave blank to keep it" : ""}
            errors={errors?.oidcClientSecret}
            hint={connection?.clientSecretSet ? "A secret is stored (encrypted; never shown). Type a new one to replace it." : "Stored encrypted; never shown again"}
          />
        </div>
      ) : (
        <div className="space-y-4">
          <TextField
            label="Metadata URL"
            name="samlMetadataUrl"
            type="url"
            inputMode="url"
            placeholder="https://idp.example.com/federationmetadata.xml"
            defaultValue={value("samlMetadataUrl", connection?.samlMetadataUrl)}
            errors={errors?.samlMetadataUrl}
            hint="Read when you save (and with “Refresh metadata”). Or paste the XML below instead."
          />
          <TextAreaField
            label="Metadata XML"
            name="samlMetadataXml"
            rows={5}
            className="[&_textarea]:font-mono [&_textarea]:text-xs"
            defaultValue={submitted(state, "samlMetadataXml") ?? ""}
            errors={errors?.samlMetadataXml}
            hint={connection?.protocol === "saml" ? "Leave empty to keep the metadata already read." : "The IdP's federation metadata (starts with <EntityDescriptor or <?xml)."}
          />
          <label className="flex items-start gap-2 text-sm text-slate-800">
            <input type="checkbox" name="samlAllowIdpInitiated" defaultChecked={checkedAfter(state, "samlAllowIdpInitiated", connection?.samlAllowIdpInitiated ?? true)} className="mt-0.5 size-4 rounded text-brand-600 focus:ring-brand-500" />
            <span>
              Allow IdP-initiated sign-in
              <span className="block text-xs text-slate-600">People may start from the identity provider&apos;s app launcher (a response Sovra did not ask for).</span>
            </span>
          </label>
        </div>
      )}

      <fieldset data-mapping={mappingId}>
        <legend className="text-sm font-medium text-slate-800">Group-to-role mapping</legend>
        <p className="mt-1 text-xs text-slate-600">
          A person gets the highest role among their mapped groups, again at every sign-in. Enter the group&apos;s name, or its ID where the IdP sends IDs (Entra ID).
        </p>
        {rows.length > 0 ? (
          <table className="mt-3 w-full text-sm">
            <thead className="text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="pb-1 pr-2">Group name or ID</th>
                <th scope="col" className="pb-1 pr-2">Role</th>
                <th scope="col" className="pb-1"><span className="sr-only">Remove</span></th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row, i) => (
                <tr key={row.key}>
                  <td className="py-1 pr-2 align-top">
                    <input
                      id={`${mappingId}-group-${row.key}`}
                      name="group"
                      aria-label={`Group of mapping ${i + 1}`}
                      value={row.group}
                      onChange={(e) => setRows((r) => r.map((x) => (x.key === row.key ? { ...x, group: e.target.value } : x)))}
                      className="block w-full min-w-0 rounded-md border-0 px-2 py-1.5 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500"
                    />
                  </td>
                  <td className="py-1 pr-2 align-top">
                    <select
                      name="groupRole"
                      aria-label={`Role of mapping ${i + 1}`}
                      value={row.role}
                      onChange={(e) => setRows((r) => r.map((x) => (x.key === row.key ? { ...x, role: e.target.value as Role } : x)))}
                      className="rounded-md border-0 py-1.5 pl-2 pr-7 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500"
                    >
                      {ROLES.map((r) => (
                        <option key={r} value={r}>
                          {ROLE_LABELS[r]}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td className="py-1 text-right align-top">
                    <Button variant="ghost" onClick={() => removeRow(row.key, i)} aria-label={`Remove mapping ${i + 1}${row.group ? ` (${row.group})` : ""}`}>
                      Remove
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="mt-3 text-sm text-slate-500">No group is mapped: everyone gets the default role below.</p>
        )}
        {errors?.groupRoles && <p className="mt-1 text-xs text-red-700">{errors.groupRoles.join(" ")}</p>}
        <Button id={`${mappingId}-add`} variant="secondary" className="mt-2" onClick={addRow}>
          Add a mapping
        </Button>
      </fieldset>

      <div className="grid gap-4 md:grid-cols-2">
        <SelectField
          label="Default role"
          name="defaultRole"
          options={DEFAULT_ROLE_OPTIONS}
          defaultValue={value("defaultRole", connection ? (connection.defaultRole ?? "none") : "none")}
          errors={errors?.defaultRole}
          hint="For people none of whose groups is mapped"
        />
        <label className="flex items-start gap-2 self-end pb-2 text-sm text-slate-800">
          <input type="checkbox" name="enabled" defaultChecked={checkedAfter(state, "enabled", connection?.enabled ?? true)} className="mt-0.5 size-4 rounded text-brand-600 focus:ring-brand-500" />
          <span>
            Enabled
            <span className="block text-xs text-slate-600">Switched off, nobody signs in through this connection.</span>
          </span>
        </label>
      </div>

      <SubmitButton pendingText="Saving…">{connection ? "Save connection" : "Create connection"}</SubmitButton>
    </form>
  );
}
