import type { AuditAction } from "@/lib/audit/record";

// The audit log in words: what each recorded action and entity type is called on the screen, in
// the CSV and in the API's description. A new action fails the typecheck here until it is named.

export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  create: "Created",
  update: "Changed",
  delete: "Deleted",
  invite: "Invited",
  revoke_invite: "Invitation revoked",
  join: "Joined",
  role_change: "Role changed",
  remove_member: "Member removed",
  revoke_api_token: "API token revoked",
  export: "Exported",
  revoke: "Revoked",
  answer: "Answered",
  review: "Reviewed",
  reopen: "Reopened",
};

export const AUDIT_ACTIONS = Object.keys(AUDIT_ACTION_LABELS) as AuditAction[];

/** The entity types the app records (recordAudit's `entityType`); add a new one here to make it filterable. */
export const AUDIT_ENTITY_TYPE_LABELS = {
  organisation: "Organisation",
  membership: "Membership",
  invitation: "Invitation",
  password_reset: "Password reset link",
  api_token: "API token",
  audit_log: "Audit log",
  office: "Office",
  vendor: "Vendor",
  model: "Model",
  ai_system: "AI system",
  dependency: "Dependency",
  fallback: "Fallback",
  data_flow: "Data flow",
  policy_event: "Policy event",
  scenario: "Scenario",
  scenario_run: "Scenario run",
  assessment: "Assessment",
  remediation_action: "Remediation action",
  report_run: "Board report",
  workshop: "Workshop",
  verify_item: "Fact to verify",
  questionnaire: "Questionnaire link",
  questionnaire_response: "Questionnaire answer",
  questionnaire_item: "Answered AI system",
  ai_act_registration: "EU AI Act registration",
  sso_connection: "Single sign-on connection",
  sso_domain: "Verified email domain",
  scim_token: "SCIM token",
} as const satisfies Record<string, string>;

export type AuditEntityType = keyof typeof AUDIT_ENTITY_TYPE_LABELS;
export const AUDIT_ENTITY_TYPES = Object.keys(AUDIT_ENTITY_TYPE_LABELS) as AuditEntityType[];

/**
 * Who acted, in words, when the event names no account: an answer through a questionnaire link
 * (nobody signs in for it, decision 039), the identity provider over SCIM (decision 049), or an
 * account deleted since.
 * @example absentActorLabel("role_change", { source: "scim" }) // "Identity provider (SCIM)"
 */
export function absentActorLabel(action: string, after?: unknown): string {
  if (action === "answer") return "Someone with the questionnaire link";
  if (after && typeof after === "object" && (after as { source?: unknown }).source === "scim") return "Identity provider (SCIM)";
  return "Deleted account";
}

/** An action's label; one this version does not know is shown in words made from its code. */
export function auditActionLabel(action: string): string {
  return Object.hasOwn(AUDIT_ACTION_LABELS, action) ? AUDIT_ACTION_LABELS[action as AuditAction] : humanise(action);
}

/** An entity type's label; an unknown one in words made from its code. */
export function auditEntityTypeLabel(entityType: string): string {
  return Object.hasOwn(AUDIT_ENTITY_TYPE_LABELS, entityType) ? AUDIT_ENTITY_TYPE_LABELS[entityType as AuditEntityType] : humanise(entityType);
}

// Field names whose words read better spelled out than split from camelCase.
const FIELD_LABELS = new Map<string, string>(Object.entries({
  hqCountry: "HQ country",
  parentName: "Ultimate parent",
  parentCountry: "Ultimate parent's country",
  dpfCertified: "EU-US Data Privacy Framework",
  toleratedDowntimeMinutes: "Tolerated downtime (minutes)",
  switchTimeMinutes: "Switch time (minutes)",
  apiTokenDefaultDays: "Default API token lifetime (days)",
  apiTokenMaxDays: "Maximum API token lifetime (days)",
  expiresAt: "Expires",
  revokedAt: "Revoked",
  lastUsedAt: "Last used",
  lastTestedAt: "Last tested",
  asOf: "As of",
  bytes: "Size (bytes)",
  annexIIIArea: "Annex III area",
  providerEuDatabaseUrl: "Provider's EU database entry (URL)",
  friaSummary: "Fundamental rights impact assessment summary",
  dpiaSummary: "Data protection impact assessment summary",
  dpiaNotApplicable: "No data protection impact assessment applies",
}));

// Maps, not object literals: a field named "constructor" must not find Object's.
const ACRONYMS = new Map<string, string>(Object.entries({ ai: "AI", api: "API", hq: "HQ", id: "ID", ids: "IDs", url: "URL", dpf: "DPF", gpai: "GPAI", pdf: "PDF", csv: "CSV", eu: "EU", us: "US" }));

/**
 * A field of a recorded row in words: `hqCountry` is "HQ country", `originAiSystemId` is
 * "Origin AI system ID", `data_categories` is "Data categories".
 * @example auditFieldLabel("transferMechanism") // "Transfer mechanism"
 */
export function auditFieldLabel(field: string): string {
  return FIELD_LABELS.get(field) ?? humanise(field);
}

function humanise(code: string): string {
  const words = code
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(/[\s_.-]+/)
    .filter(Boolean)
    .map((w) => ACRONYMS.get(w.toLowerCase()) ?? w.toLowerCase());
  const text = words.join(" ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}
