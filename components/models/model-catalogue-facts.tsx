import type { CatalogueModelFacts, OfferedAccessPath } from "@/lib/catalogue/facts";
import { MODEL_CATALOGUE_BACKED_FACTS, catalogueModelValues, overriddenModelFacts, type CatalogueBackedModelFact } from "@/lib/catalogue/overrides";
import { storedModelValues } from "@/lib/models/schemas";
import { ACCESS_PATH_LABELS, TRAINING_COMPUTE_LABELS, WEIGHTS_LABELS, labelFor } from "@/lib/labels";
import { Badge, Card } from "@/components/ui/card";
import { formatDay } from "@/lib/dates";
import { WrappingText } from "@/components/ui/wrapping-text";

type ModelValues = { family: string; weights: string; licence: string; trainingCompute: string; offeredAccessPaths: readonly OfferedAccessPath[] };

/** An offered path with its cloud, service and regions: "Cloud marketplace (aws, Bedrock: eu-central-1, us-east-1)". */
function offering(o: OfferedAccessPath) {
  const where = [o.cloud, o.service].filter(Boolean).join(", ");
  const regions = o.regions?.length ? `${where ? ": " : ""}${o.regions.join(", ")}` : "";
  return `${labelFor(ACCESS_PATH_LABELS, o.path)}${where || regions ? ` (${where}${regions})` : ""}`;
}

function shown(fact: CatalogueBackedModelFact, values: ModelValues) {
  switch (fact) {
    case "weights":
      return labelFor(WEIGHTS_LABELS, values.weights);
    case "trainingCompute":
      return labelFor(TRAINING_COMPUTE_LABELS, values.trainingCompute);
    case "offeredAccessPaths":
      return values.offeredAccessPaths.length ? values.offeredAccessPaths.map(offering).join("; ") : "(none)";
    default:
      return values[fact] || "(none)";
  }
}

/**
 * The catalogue's facts about a model with their source and date, and the organisation's own
 * value where it differs: an override, shown as such with the organisation's source (as
 * components/vendors/catalogue-facts.tsx does for vendors).
 */
export function ModelCatalogueFacts({ catalogue, model }: { catalogue: CatalogueModelFacts; model: ModelValues & { source: string | null; sourceAsOf: string | null } }) {
  const overridden = overriddenModelFacts(catalogue, storedModelValues(model));
  const catalogueSays = `${catalogue.source}, as of ${formatDay(catalogue.asOf)}`;
  const ownSource = model.source ? `${model.source}${model.sourceAsOf ? `, checked ${formatDay(model.sourceAsOf)}` : ""}` : "none given";
  // Both sides as ModelValues, so one formatter shows either.
  const fromCatalogue: ModelValues = { ...catalogueModelValues(catalogue), offeredAccessPaths: catalogue.offeredAccessPaths };
  return (
    <Card aria-labelledby="catalogue-facts">
      <h2 id="catalogue-facts" className="text-base font-semibold text-slate-900">
        Catalogue facts
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        Added from the default catalogue (source: <WrappingText text={catalogue.source} />, as of {formatDay(catalogue.asOf)}). Where your value differs, it is your override, with your source.
      </p>
      <dl className="mt-3 divide-y divide-slate-100 text-sm">
        {MODEL_CATALOGUE_BACKED_FACTS.map(({ fact, label }) => (
          <div key={fact} className="grid gap-1 py-2 sm:grid-cols-3" data-testid={`catalogue-fact-${fact}`}>
            <dt className="text-slate-500">{label}</dt>
            <dd className="min-w-0 [overflow-wrap:anywhere] sm:col-span-2">
              {overridden.includes(fact) ? (
                <>
                  <Badge tone="amber">Override</Badge>{" "}
                  <span>
                    Your value: <strong>{shown(fact, model)}</strong> — source: {ownSource}; catalogue says {shown(fact, fromCatalogue)} ({catalogueSays})
                  </span>
                </>
              ) : (
                <span>
                  <strong>{shown(fact, fromCatalogue)}</strong> <span className="text-slate-500">({catalogueSays})</span>
                </span>
              )}
            </dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}
