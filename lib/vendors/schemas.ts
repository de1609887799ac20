import { z } from "zod";
import { singleLineText } from "@/lib/text";
import { countryCodeSchema } from "@/lib/countries";
import { VENDOR_TYPE_LABELS } from "@/lib/labels";
import type { VendorType } from "@/lib/generated/prisma/enums";
import { checkbox, idAndVersion, optionalCountry, optionalDate, optionalText } from "@/lib/form-fields";
import type { CatalogueVendorFacts } from "@/lib/catalogue/facts";
import { CATALOGUE_BACKED_FACTS, isOwnSource, newOverrides, type CatalogueBackedValues } from "@/lib/catalogue/overrides";
import { formatDay } from "@/lib/dates";

const vendorTypes = Object.keys(VENDOR_TYPE_LABELS) as [VendorType, ...VendorType[]];

const vendorFields = z.object({
  name: z.string().trim().min(1, "Enter a name").max(120, "Use at most 120 characters").superRefine(singleLineText),
  vendorType: z.enum(vendorTypes, { message: "Choose a type" }),
  hqCountry: countryCodeSchema,
  parentName: optionalText(120, "single-line"),
  parentCountry: optionalCountry,
  dpfCertified: checkbox,
  source: optionalText(500, "single-line"),
  sourceAsOf: optionalDate,
  notes: optionalText(2000, "multi-line"),
});

// The engine only uses an ultimate parent with both its name and its country.
const parentComplete = <T extends { parentName: string | null; parentCountry: string | null }>(v: T, ctx: z.RefinementCtx) => {
  if (v.parentName && !v.parentCountry) ctx.addIssue({ code: "custom", path: ["parentCountry"], message: "Choose the parent's country" });
  if (!v.parentName && v.parentCountry) ctx.addIssue({ code: "custom", path: ["parentName"], message: "Enter the parent's name" });
};

/** A vendor added from the catalogue: the catalogue's entry and the values stored before this edit. */
export type CatalogueOverrideContext = { catalogue: CatalogueVendorFacts; stored: CatalogueBackedValues | null } | null;

// Changing a catalogue-backed fact away from the catalogue's value needs the organisation's own
// source: the override is shown with it, beside the catalogue's (docs/decisions/009).
const ownSourceForOverrides =
  (o: CatalogueOverrideContext) =>
  <T extends CatalogueBackedValues & { source: string | null; sourceAsOf: Date | null }>(v: T, ctx: z.RefinementCtx) => {
    if (!o) return;
    const changed = newOverrides(o.catalogue, o.stored, v);
    if (!changed.length || isOwnSource(v.source, o.catalogue, v.sourceAsOf)) return;
    const facts = CATALOGUE_BACKED_FACTS.filter((f) => changed.includes(f.fact)).map((f) => f.label.toLowerCase());
    ctx.addIssue({
      code: "custom",
      path: ["source"],
      message: `Give your own source: your ${facts.join(", ")} differ${facts.length === 1 ? "s" : ""} from the catalogue (${o.catalogue.source}, ${formatDay(o.catalogue.asOf)}); the catalogue's source will do with the date you read it yourself`,
    });
  };

export const vendorSchema = vendorFields.superRefine(parentComplete);
export const updateVendorSchema = vendorFields.extend(idAndVersion).superRefine(parentComplete);

/** The vendor schema for a vendor added from the catalogue: a changed catalogue fact needs the organisation's own source. */
export const vendorSchemaFor = (o: CatalogueOverrideContext) => vendorFields.superRefine(parentComplete).superRefine(ownSourceForOverrides(o));
/** `updateVendorSchema` with the same override rule, for the edit form and its action. */
export const updateVendorSchemaFor = (o: CatalogueOverrideContext) => vendorFields.extend(idAndVersion).superRefine(parentComplete).superRefine(ownSourceForOverrides(o));
export const deleteVendorSchema = z.object(idAndVersion);

export type VendorInput = z.infer<typeof vendorSchema>;
