"use client";
import { useActionState, useId, useRef, useState } from "react";
import Link from "next/link";
import { createDataFlowAction, updateDataFlowAction } from "@/lib/data-flows/actions";
import { idle, submitted } from "@/lib/action-state";
import { ACCESS_PATH_LABELS, DATA_CATEGORY_LABELS, DATA_VOLUME_LABELS, ENCRYPTION_LABELS, TRANSFER_MECHANISM_LABELS, labelFor, optionsFrom } from "@/lib/labels";
import { SelectField, TextField } from "@/components/ui/field";
import { CountrySelect } from "@/components/ui/country-select";
import { SubmitButton } from "@/components/ui/submit-button";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { useClientValidation } from "@/components/ui/use-client-validation";
import { ScoreMoveNotice } from "@/components/scores/score-move";
import { inSentence } from "@/scoring/words";
import { DataCategoryCheckboxes } from "@/components/data-flows/data-category-checkboxes";

// Each form's schema loads after the page is up, not in its first load (use-client-validation.ts).
const loadDataFlowSchema = () => import("@/lib/data-flows/schemas").then((m) => m.dataFlowSchema);
const loadUpdateDataFlowSchema = () => import("@/lib/data-flows/schemas").then((m) => m.updateDataFlowSchema);

/** A stored flow as the form edits it: one origin (docs/decisions/015). */
export type DataFlowFormValues = {
  id: string;
  version: number;
  name: string;
  originOfficeId: string | null;
  originAiSystemId: string | null;
  dependencyId: string | null;
  vendorId: string;
  processingCountry: string;
  processingRegion: string | null;
  dataCategories: string[];
  volume: string;
  transferMechanism: string;
  encryption: string;
};

type Choice = { id: string; name: string };
export type DataFlowChoices = {
  offices: Choice[];
  aiSystems: Choice[];
  dependencies: {
    id: string;
    aiSystemId: string;
    accessPath: string;
    cloudVendorId: string | null;
    hostingCountry: string | null;
    hostingRegion: string | null;
    aiSystem: { name: string };
    model: { name: string; vendorId: string };
  }[];
  vendors: (Choice & { hqCountry: string })[];
};

const FIELDS: [keyof DataFlowFormValues, string][] = [
  ["name", "Name"],
  ["originOfficeId", "Origin office"],
  ["originAiSystemId", "Origin AI system"],
  ["dependencyId", "Dependency"],
  ["vendorId", "Vendor"],
  ["processingCountry", "Processed in"],
  ["processingRegion", "Region"],
  ["dataCategories", "Data categories"],
  ["volume", "Volume"],
  ["transferMechanism", "Transfer mechanism"],
  ["encryption", "Encryption"],
];

const dependencyLabel = (d: DataFlowChoices["dependencies"][number]) => `${d.aiSystem.name} → ${d.model.name} (${inSentence(labelFor(ACCESS_PATH_LABELS, d.accessPath))})`;

/** What another person saved, so a conflict says what changed, in words. */
function ConflictDetails({ current, mine, choices }: { current: Partial<Record<keyof DataFlowFormValues, unknown>>; mine?: DataFlowFormValues; choices: DataFlowChoices }) {
  const names = new Map<string, string>([...choices.offices, ...choices.aiSystems, ...choices.vendors].map((c) => [c.id, c.name]));
  for (const d of choices.dependencies) names.set(d.id, dependencyLabel(d));
  const shown = (v: unknown) =>
    v === null || v === undefined || v === "" ? "(empty)" : Array.isArray(v) ? v.map((c) => labelFor(DATA_CATEGORY_LABELS, String(c))).join(", ") : (names.get(String(v)) ?? String(v));
  // A stored flow with both origins is edited as a flow from its office (docs/decisions/015).
  const now = current.originOfficeId ? { ...current, originAiSystemId: null } : current;
  const changed = FIELDS.filter(([f]) => mine && JSON.stringify(now[f] ?? null) !== JSON.stringify(mine[f] ?? null));
  if (!changed.length) return null;
  return (
    <ul className="mt-2 list-disc pl-5">
      {changed.map(([f, label]) => (
        <li key={f}>
          {label}: now <strong>{shown(now[f])}</strong>
        </li>
      ))}
    </ul>
  );
}

export function DataFlowForm({ orgSlug, flow, choices, defaultOfficeId }: { orgSlug: string; flow?: DataFlowFormValues; choices: DataFlowChoices; defaultOfficeId?: string }) {
  const [state, action] = useActionState(flow ? updateDataFlowAction : createDataFlowAction, idle);
  const { fieldErrors, onSubmit, formRef } = useClientValidation(flow ? loadUpdateDataFlowSchema : loadDataFlowSchema, state);
  const failed = state.status === "error" && state.values ? state.values : undefined;
  const value = (name: keyof DataFlowFormValues, fallback?: string) => {
    const fromState = submitted(state, name);
    if (fromState !== undefined) return fromState;
    const v = flow?.[name];
    return v === undefined || v === null ? fallback : String(v);
  };
  const [originKind, setOriginKind] = useState<"office" | "ai_system">(flow && !flow.originOfficeId && flow.originAiSystemId ? "ai_system" : "office");
  const [systemId, setSystemId] = useState(flow?.originAiSystemId ?? "");
  const categories = new Set(failed ? [failed.dataCategories ?? []].flat() : (flow?.dataCategories ?? []));
  const conflict = state.status === "error" && state.code === "CONFLICT" ? (state.details?.current as Partial<Record<keyof DataFlowFormValues, unknown>> | undefined) : undefined;
  // A system's flow goes through one of its own dependencies; an office's through any.
  const dependencies = originKind === "ai_system" && systemId ? choices.dependencies.filter((d) => d.aiSystemId === systemId) : choices.dependencies;
  // React resets a form after its action; a <select> then returns to the option it was mounted
  // with, not to a changed defaultValue. Remounting the fields on each answer keeps what was chosen.
  const [answer, setAnswer] = useState({ state, count: 0 });
  if (answer.state !== state) setAnswer({ state, count: answer.count + 1 });
  const originId = useId();
  // Choosing the dependency fills in who receives the data and where it is processed, as the
  // dependency records them (its cloud, or its model's vendor; its hosting country and region, or
  // the vendor's home country): only fields still empty, or still as this filled them.
  const filled = useRef<Partial<Record<"vendorId" | "processingCountry" | "processingRegion", string>>>({});
  const prefillFrom = (dependencyId: string) => {
    const d = choices.dependencies.find((x) => x.id === dependencyId);
    if (!d) return;
    const vendorId = d.cloudVendorId ?? d.model.vendorId;
    const suggested = { vendorId, processingCountry: d.hostingCountry ?? choices.vendors.find((v) => v.id === vendorId)?.hqCountry ?? "", processingRegion: d.hostingRegion ?? "" };
    for (const [name, v] of Object.entries(suggested) as [keyof typeof suggested, string][]) {
      const field = formRef.current?.elements.namedItem(name);
      if (!(field instanceof HTMLSelectElement || field instanceof HTMLInputElement)) continue;
      if (field.value !== "" && field.value !== filled.current[name]) continue;
      field.value = v;
      filled.current[name] = v;
    }
  };

  return (
    <form action={action} ref={formRef} onSubmit={onSubmit} noValidate className="max-w-2xl space-y-4">
      {state.status === "error" && (
        <Alert tone="error" title={conflict ? "Not saved: this data flow changed meanwhile" : undefined}>
          {state.message}
          {conflict && <ConflictDetails current={conflict} mine={flow} choices={choices} />}
          {conflict && <p className="mt-2">Your input is kept below. Reload the page to edit the latest version.</p>}
        </Alert>
      )}
      <ScoreMoveNotice state={state} />
      <input type="hidden" name="org" value={orgSlug} />
      {flow && <input type="hidden" name="id" value={flow.id} />}
      {flow && <input type="hidden" name="version" value={flow.version} />}
      <div key={answer.count} className="space-y-4">
        <TextField label="Name" name="name" required defaultValue={value("name")} errors={fieldErrors?.name} placeholder="e.g. Customer chats to OpenAI" />

        <fieldset aria-describedby={`${originId}-hint`}>
          <legend className="text-sm font-medium text-slate-800">Data leaves from</legend>
          <p id={`${originId}-hint`} className="mt-1 text-xs text-slate-500">
            One origin: an office, or an AI system.
          </p>
          <div className="mt-1 flex gap-6">
            {(
              [
                ["office", "An office"],
                ["ai_system", "An AI system"],
              ] as const
            ).map(([kind, label]) => (
              <label key={kind} className="flex items-center gap-2 text-sm text-slate-700">
                <input type="radio" name="originKind" value={kind} checked={originKind === kind} onChange={() => setOriginKind(kind)} className="size-4 border-slate-300" />
                {label}
              </label>
            ))}
          </div>
        </fieldset>
        {originKind === "office" ? (
          <SelectField
            key="office"
            label="Origin office"
            name="originOfficeId"
            defaultValue={value("originOfficeId", defaultOfficeId ?? "")}
            errors={fieldErrors?.originOfficeId}
            options={[{ value: "", label: choices.offices.length ? "Choose an office…" : "No offices recorded yet" }, ...choices.offices.map((o) => ({ value: o.id, label: o.name }))]}
          />
        ) : (
          <SelectField
            key="ai_system"
            label="Origin AI system"
            name="originAiSystemId"
            defaultValue={value("originAiSystemId", "")}
            onChange={(e) => setSystemId(e.currentTarget.value)}
            errors={fieldErrors?.originAiSystemId}
            options={[{ value: "", label: choices.aiSystems.length ? "Choose an AI system…" : "No AI systems recorded yet" }, ...choices.aiSystems.map((s) => ({ value: s.id, label: s.name }))]}
          />
        )}

        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField
            label="Model dependency that carries it"
            name="dependencyId"
            defaultValue={value("dependencyId", "")}
            onChange={(e) => prefillFrom(e.currentTarget.value)}
            errors={fieldErrors?.dependencyId}
            hint="Needed for the flow to count in the scores"
            options={[{ value: "", label: "None recorded" }, ...dependencies.map((d) => ({ value: d.id, label: dependencyLabel(d) }))]}
          />
          <SelectField
            label="Vendor that receives it"
            name="vendorId"
            defaultValue={value("vendorId", "")}
            errors={fieldErrors?.vendorId}
            hint="With a dependency: its model's vendor or the cloud that hosts it"
            options={[{ value: "", label: "Choose a vendor…" }, ...choices.vendors.map((v) => ({ value: v.id, label: v.name }))]}
          />
        </div>
        <div className="grid gap-4 sm:grid-cols-2">
          <CountrySelect label="Processed in" name="processingCountry" defaultValue={value("processingCountry")} errors={fieldErrors?.processingCountry} />
          <TextField label="Region" name="processingRegion" defaultValue={value("processingRegion")} errors={fieldErrors?.processingRegion} hint="e.g. eu-central-1 (optional)" />
        </div>

        <DataCategoryCheckboxes checked={categories} errors={fieldErrors?.dataCategories} />

        <div className="grid gap-4 sm:grid-cols-3">
          <SelectField label="Volume" name="volume" defaultValue={value("volume", "medium")} errors={fieldErrors?.volume} options={optionsFrom(DATA_VOLUME_LABELS)} />
          <SelectField label="Transfer mechanism" name="transferMechanism" defaultValue={value("transferMechanism", "not_required")} errors={fieldErrors?.transferMechanism} options={optionsFrom(TRANSFER_MECHANISM_LABELS)} />
          <SelectField label="Encryption" name="encryption" defaultValue={value("encryption", "in_transit_and_at_rest")} errors={fieldErrors?.encryption} options={optionsFrom(ENCRYPTION_LABELS)} />
        </div>
      </div>
      <div className="flex gap-2">
        <SubmitButton pendingText="Saving…">{flow ? "Save data flow" : "Add data flow"}</SubmitButton>
        <Link href={`/${orgSlug}/inventory/data-flows`} className={buttonClass("secondary")}>
          {flow ? "Back to data flows" : "Cancel"}
        </Link>
      </div>
    </form>
  );
}
