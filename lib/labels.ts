// Enum values in words, the same words in every list, filter and report.
import type { AccessPath, Criticality, DataCategory, DataVolume, Encryption, TransferMechanism, VendorType, Weights } from "@/lib/generated/prisma/enums";
import type { LOCI, POLICY_EVENT_TYPES, SEVERITIES } from "@/scoring/schema/policy-event";
import type { Dimension } from "@/scoring/defaults";

export const VENDOR_TYPE_LABELS: Record<VendorType, string> = {
  frontier_lab: "Frontier lab",
  hyperscaler: "Hyperscaler",
  cloud_provider: "Cloud provider",
  open_weight_publisher: "Open-weight publisher",
  reseller: "Reseller",
  other: "Other",
};

export const WEIGHTS_LABELS: Record<Weights, string> = { open: "Open weights", closed: "Closed weights" };

export const CRITICALITY_LABELS: Record<Criticality, string> = { low: "Low", medium: "Medium", high: "High", critical: "Critical" };

/** A system's criticality as a phrase ("High criticality", never "Critical criticality"). */
export const CRITICALITY_PHRASES: Record<Criticality, string> = { low: "Low criticality", medium: "Medium criticality", high: "High criticality", critical: "Business-critical" };

export const ACCESS_PATH_LABELS: Record<AccessPath, string> = {
  direct_api: "Direct API",
  cloud_marketplace: "Cloud marketplace",
  third_party_hosted: "Third-party hosted",
  self_hosted: "Self-hosted",
};

export const DATA_CATEGORY_LABELS: Record<DataCategory, string> = {
  public: "Public",
  internal: "Internal",
  personal: "Personal",
  special_category: "Special category",
  trade_secret: "Trade secret",
  regulated: "Regulated",
};

export const TRANSFER_MECHANISM_LABELS: Record<TransferMechanism, string> = {
  not_required: "Not required",
  adequacy: "Adequacy decision",
  scc: "Standard contractual clauses",
  bcr: "Binding corporate rules",
  derogation: "Derogation",
  none: "None",
};

export const ENCRYPTION_LABELS: Record<Encryption, string> = {
  none: "None",
  in_transit: "In transit",
  at_rest: "At rest",
  in_transit_and_at_rest: "In transit and at rest",
  customer_managed_keys: "Customer-managed keys",
};

export const DATA_VOLUME_LABELS: Record<DataVolume, string> = { low: "Low", medium: "Medium", high: "High" };

/** Training compute bands as the inventory document names them (EU AI Act Art. 51: 10^25 FLOP). */
export const TRAINING_COMPUTE_LABELS = {
  "below-1e25": "Below 10²⁵ FLOP",
  "1e25-1e26": "10²⁵–10²⁶ FLOP",
  "above-1e26": "Above 10²⁶ FLOP",
  unknown: "Unknown",
} as const satisfies Record<string, string>;

export type TrainingComputeBand = keyof typeof TRAINING_COMPUTE_LABELS;

/** A label for a value, or the value itself when the table does not know it (never throws). */
export function labelFor(labels: Readonly<Record<string, string>>, value: string): string {
  return Object.hasOwn(labels, value) ? labels[value]! : value;
}

/** `{ value, label }` options for a select, in the labels' order. */
export function optionsFrom(labels: Readonly<Record<string, string>>): { value: string; label: string }[] {
  return Object.entries(labels).map(([value, label]) => ({ value, label }));
}

/** Minutes as a person says them: 90 -> "1 h 30 min", 2880 -> "2 days". */
export function formatMinutes(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 24 * 60) {
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    return m ? `${h} h ${m} min` : `${h} h`;
  }
  const days = minutes / (24 * 60);
  return Number.isInteger(days) ? `${days} day${days === 1 ? "" : "s"}` : `${Math.round(days * 10) / 10} days`;
}

export const REMEDIATION_STATUS_LABELS: Record<import("@/lib/generated/prisma/enums").RemediationStatus, string> = {
  open: "Open",
  in_progress: "In progress",
  done: "Done",
  wont_do: "Won't do",
};

export const PRIORITY_LABELS: Record<import("@/lib/generated/prisma/enums").Priority, string> = { low: "Low", medium: "Medium", high: "High", critical: "Critical" };

/** The kinds of policy measure (policy events' `type`, as the inventory document spells them). */
export const POLICY_EVENT_TYPE_LABELS: Record<(typeof POLICY_EVENT_TYPES)[number], string> = {
  "export-control": "Export control",
  sanction: "Sanction",
  "vendor-restriction": "Vendor restriction (the vendor's own policy)",
  ban: "Ban",
  disruption: "Disruption",
  "licence-term": "Licence term (rights withheld from licensees in a region)",
};

/** Whom a restriction's countries are matched against (`locus`): as a phrase before the countries. */
export const RESTRICTION_LOCUS_LABELS: Record<(typeof LOCI)[number], string> = {
  users: "Users in these countries (offices that use it)",
  hosting: "Hosting in these countries",
  any: "Users or hosting in these countries",
  licensee: "Organisations based in these countries (the licensee: your headquarters)",
};

/** A restriction's severity. */
export const RESTRICTION_SEVERITY_LABELS: Record<(typeof SEVERITIES)[number], string> = {
  block: "Blocked",
  "licence-required": "Licence required",
};

/** The four dimensions in the methodology's words (docs/METHODOLOGY.md). */
export const DIMENSION_LABELS: Record<Dimension, string> = {
  access: "Access type",
  jurisdiction: "Jurisdiction exposure",
  fallback: "Fallback readiness",
  concentration: "Concentration",
};
