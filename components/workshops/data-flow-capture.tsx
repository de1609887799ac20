"use client";
import { useEffect, useActionState, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { idle, submitted, type ActionState } from "@/lib/action-state";
import { captureDataFlowAction } from "@/lib/data-flows/actions";
import { DATA_VOLUME_LABELS, ENCRYPTION_LABELS, TRANSFER_MECHANISM_LABELS, optionsFrom } from "@/lib/labels";
import type { FlowDependencyChoice } from "@/lib/workshops/queries";
import { FLOW_NAME_MAX, suggestFlowName } from "@/lib/workshops/flow-name";
import { Alert } from "@/components/ui/alert";
import { CountrySelect } from "@/components/ui/country-select";
import { SelectField, TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { useAnswerKey } from "@/components/ui/use-answer-key";
import { useClientValidation } from "@/components/ui/use-client-validation";
import { DataCategoryCheckboxes } from "@/components/data-flows/data-category-checkboxes";

// Each form's schema loads after the page is up, not in its first load (use-client-validation.ts).
const loadDataFlowSchema = () => import("@/lib/data-flows/schemas").then((m) => m.dataFlowSchema);

/** Enter in a select or on a checkbox sends the form too, as it does in a text field: the whole row is typed without the mouse. */
function submitOnEnter(e: KeyboardEvent<HTMLFormElement>) {
  if (e.key !== "Enter" || e.defaultPrevented || e.nativeEvent.isComposing) return;
  const t = e.target;
  if (t instanceof HTMLSelectElement || (t instanceof HTMLInputElement && t.type === "checkbox")) {
    e.preventDefault();
    e.currentTarget.requestSubmit();
  }
}

/**
 * A data flow, added from the workshop's data-flow step without leaving the screen: the office it
 * leaves from, the AI system and model it feeds (which names the vendor that receives it and
 * suggests where it is processed), its data, volume, transfer mechanism and encryption, and a
 * name suggested from its route. Enter adds it and the cursor returns to the office for the next.
 */
export function WorkshopDataFlowForm({ org, offices, dependencies, takenNames }: { org: string; offices: { id: string; name: string }[]; dependencies: FlowDependencyChoice[]; takenNames: string[] }) {
  const [state, action] = useActionState(captureDataFlowAction, idle);
  const formKey = useAnswerKey(state);
  const { fieldErrors, onSubmit, formRef } = useClientValidation(loadDataFlowSchema, state);
  useEffect(() => {
    if (state.status === "success") formRef.current?.querySelector<HTMLSelectElement>('select[name="originOfficeId"]')?.focus();
  }, [state, formRef]);
  // A field's error goes once it is changed, so the room sees what is left to fix; the office and
  // the dependency settle the fields they fill in (the suggested name, the vendor, the country).
  const [fixed, setFixed] = useState({ errors: fieldErrors, names: new Set<string>() });
  if (fixed.errors !== fieldErrors) setFixed({ errors: fieldErrors, names: new Set() });
  const onChange = (e: FormEvent<HTMLFormElement>) => {
    const name = (e.target as HTMLInputElement).name;
    const settled = name === "dependencyId" ? [name, "vendorId", "processingCountry", "name"] : name === "originOfficeId" ? [name, "name"] : [name];
    setFixed((f) => ({ ...f, names: new Set([...f.names, ...settled]) }));
  };
  const errors = fieldErrors && Object.fromEntries(Object.entries(fieldErrors).filter(([name]) => !fixed.names.has(name)));
  return (
    <form key={formKey} action={action} ref={formRef} onSubmit={onSubmit} onChange={onChange} onKeyDown={submitOnEnter} noValidate aria-label="Add a data flow" className="space-y-3 rounded-lg bg-white p-4 ring-1 ring-slate-200">
      {state.status === "error" && <Alert tone="error">{state.message}</Alert>}
      {state.status === "success" && (
        <p role="status" className="text-sm font-medium text-emerald-700">
          {state.message}
        </p>
      )}
      <input type="hidden" name="org" value={org} />
      <FlowFields state={state} fieldErrors={errors} offices={offices} dependencies={dependencies} takenNames={takenNames} />
    </form>
  );
}

/** The fields, remounted with the form on each answer: after a refusal they start from what was sent, after a success from empty. */
function FlowFields({
  state,
  fieldErrors,
  offices,
  dependencies,
  takenNames,
}: {
  state: ActionState;
  fieldErrors?: Record<string, string[]>;
  offices: { id: string; name: string }[];
  dependencies: FlowDependencyChoice[];
  takenNames: string[];
}) {
  const failed = state.status === "error";
  const sent = (name: string) => (failed ? submitted(state, name) : undefined);
  const [officeId, setOfficeId] = useState(sent("originOfficeId") ?? "");
  const [dependencyId, setDependencyId] = useState(sent("dependencyId") ?? "");
  const taken = new Set(takenNames);
  const suggest = (o: string, d: string) => suggestFlowName(offices.find((x) => x.id === o)?.name, dependencies.find((x) => x.id === d)?.route, taken);
  // The suggested name follows the office and dependency until someone types one.
  const [typedName, setTypedName] = useState<string | null>(() => {
    const name = sent("name");
    return name !== undefined && name !== suggest(officeId, dependencyId) ? name : null;
  });
  const dependency = dependencies.find((d) => d.id === dependencyId);
  // Choosing the dependency suggests where the data is processed: only while the country is still empty or as suggested.
  const suggestedCountry = useRef<string | undefined>(undefined);
  const suggestCountry = (select: HTMLSelectElement, id: string) => {
    const country = select.form?.elements.namedItem("processingCountry");
    const to = dependencies.find((d) => d.id === id)?.country;
    if (!(country instanceof HTMLSelectElement) || !to) return;
    if (country.value !== "" && country.value !== suggestedCountry.current) return;
    country.value = to;
    suggestedCountry.current = to;
  };
  const categories = new Set(failed ? [state.values?.dataCategories ?? []].flat() : []);
  // The schema asks for one origin (an office or an AI system), a vendor and a country code; this
  // form asks for the office, for the dependency, which brings its vendor, and for a country from a
  // list. Another organisation's office or dependency (NOT_FOUND) is named under its own field.
  const officeErrors = fieldErrors?.originOfficeId && fieldErrors.originAiSystemId ? ["Choose an office"] : fieldErrors?.originOfficeId;
  const dependencyErrors = fieldErrors?.dependencyId ?? (fieldErrors?.vendorId ? ["Choose the AI system and model it feeds"] : undefined);

  return (
    <>
      <input type="hidden" name="vendorId" value={dependency?.vendorId ?? ""} />
      <div className="grid gap-3 sm:grid-cols-2 xl:grid-cols-[1fr_1.6fr_1fr] xl:items-start">
        <SelectField
          label="Origin office"
          name="originOfficeId"
          value={officeId}
          onChange={(e) => setOfficeId(e.currentTarget.value)}
          errors={officeErrors}
          options={[{ value: "", label: "Choose an office…" }, ...offices.map((o) => ({ value: o.id, label: o.name }))]}
        />
        <SelectField
          label="Feeds (AI system → model)"
          name="dependencyId"
          value={dependencyId}
          onChange={(e) => {
            setDependencyId(e.currentTarget.value);
            suggestCountry(e.currentTarget, e.currentTarget.value);
          }}
          errors={dependencyErrors}
          hint={dependency ? `Received by ${dependency.vendorName}` : undefined}
          options={[{ value: "", label: "Choose a dependency…" }, ...dependencies.map((d) => ({ value: d.id, label: d.label }))]}
        />
        <CountrySelect label="Processed in" name="processingCountry" defaultValue={sent("processingCountry") ?? ""} errors={fieldErrors?.processingCountry && ["Choose a country"]} />
      </div>
      <DataCategoryCheckboxes checked={categories} errors={fieldErrors?.dataCategories} layout="wrap" />
      <div className="grid gap-3 sm:grid-cols-3 xl:grid-cols-[0.7fr_1.2fr_1.1fr]">
        <SelectField label="Volume" name="volume" defaultValue={sent("volume") ?? "medium"} errors={fieldErrors?.volume} options={optionsFrom(DATA_VOLUME_LABELS)} />
        <SelectField label="Transfer mechanism" name="transferMechanism" defaultValue={sent("transferMechanism") ?? "not_required"} errors={fieldErrors?.transferMechanism} options={optionsFrom(TRANSFER_MECHANISM_LABELS)} />
        <SelectField label="Encryption" name="encryption" defaultValue={sent("encryption") ?? "in_transit_and_at_rest"} errors={fieldErrors?.encryption} options={optionsFrom(ENCRYPTION_LABELS)} />
      </div>
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start">
        <TextField
          label="Name"
          name="name"
          className="min-w-0 flex-1"
          maxLength={FLOW_NAME_MAX}
          value={typedName ?? suggest(officeId, dependencyId)}
          onChange={(e) => setTypedName(e.currentTarget.value)}
          errors={fieldErrors?.name}
          placeholder="Filled in from the office and the dependency"
        />
        <div className="sm:pt-6">
          <SubmitButton pendingText="Adding…">Add data flow</SubmitButton>
        </div>
      </div>
    </>
  );
}
