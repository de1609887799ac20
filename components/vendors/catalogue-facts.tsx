import type { CatalogueVendorFacts } from "@/lib/catalogue/facts";
import { CATALOGUE_BACKED_FACTS, overriddenFacts, type CatalogueBackedValues } from "@/lib/catalogue/overrides";
import { countryName } from "@/lib/countries";
import { VENDOR_TYPE_LABELS, labelFor } from "@/lib/labels";
import { Badge, Card } from "@/components/ui/card";
import { formatDay } from "@/lib/dates";
import { WrappingText } from "@/components/ui/wrapping-text";

const shown = (fact: keyof CatalogueBackedValues, value: string | null) =>
  !value ? "(none)" : fact === "vendorType" ? labelFor(VENDOR_TYPE_LABELS, value) : fact.endsWith("Country") ? countryName(value) : value;

/**
 * The catalogue's facts about a vendor with their source and date, and the organisation's own
 * value where it differs: an override, shown as such with the organisation's source.
 */
export function CatalogueFacts({ catalogue, vendor }: { catalogue: CatalogueVendorFacts; vendor: CatalogueBackedValues & { source: string | null; sourceAsOf: string | null } }) {
  const overridden = overriddenFacts(catalogue, vendor);
  const catalogueSays = `${catalogue.source}, as of ${formatDay(catalogue.asOf)}`;
  const ownSource = vendor.source ? `${vendor.source}${vendor.sourceAsOf ? `, checked ${formatDay(vendor.sourceAsOf)}` : ""}` : "none given";
  return (
    <Card aria-labelledby="catalogue-facts">
      <h2 id="catalogue-facts" className="text-base font-semibold text-slate-900">
        Catalogue facts
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        Added from the default catalogue (source: <WrappingText text={catalogue.source} />, as of {formatDay(catalogue.asOf)}). Where your value differs, it is your override, with your source.
      </p>
      <dl className="mt-3 divide-y divide-slate-100 text-sm">
        {CATALOGUE_BACKED_FACTS.map(({ fact, label }) => {
          const isOverride = overridden.includes(fact);
          return (
            <div key={fact} className="grid gap-1 py-2 sm:grid-cols-3" data-testid={`catalogue-fact-${fact}`}>
              <dt className="text-slate-500">{label}</dt>
              <dd className="min-w-0 [overflow-wrap:anywhere] sm:col-span-2">
                {isOverride ? (
                  <>
                    <Badge tone="amber">Override</Badge>{" "}
                    <span>
                      Your value: <strong>{shown(fact, vendor[fact])}</strong> — source: {ownSource}; catalogue says {shown(fact, catalogue[fact])} ({catalogueSays})
                    </span>
                  </>
                ) : (
                  <span>
                    <strong>{shown(fact, catalogue[fact])}</strong> <span className="text-slate-500">({catalogueSays})</span>
                  </span>
                )}
              </dd>
            </div>
          );
        })}
      </dl>
    </Card>
  );
}
