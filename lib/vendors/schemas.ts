import { z } from "zod";
import { countryCodeSchema } from "@/lib/countries";
import { VENDOR_TYPE_LABELS } from "@/lib/labels";
import type { VendorType } from "@/lib/generated/prisma/enums";
import { checkbox, idAndVersion, optionalCountry, optionalDate, optionalText } from "@/lib/form-fields";

const vendorTypes = Object.keys(VENDOR_TYPE_LABELS) as [VendorType, ...VendorType[]];

const vendorFields = z.object({
  name: z.string().trim().min(1, "Enter a name").max(120, "Use at most 120 characters"),
  vendorType: z.enum(vendorTypes, { message: "Choose a type" }),
  hqCountry: countryCodeSchema,
  parentName: optionalText(120),
  parentCountry: optionalCountry,
  dpfCertified: checkbox,
  source: optionalText(500),
  sourceAsOf: optionalDate,
  notes: optionalText(2000),
});

// The engine only uses an ultimate parent with both its name and its country.
const parentComplete = <T extends { parentName: string | null; parentCountry: string | null }>(v: T, ctx: z.RefinementCtx) => {
  if (v.parentName && !v.parentCountry) ctx.addIssue({ code: "custom", path: ["parentCountry"], message: "Choose the parent's country" });
  if (!v.parentName && v.parentCountry) ctx.addIssue({ code: "custom", path: ["parentName"], message: "Enter the parent's name" });
};

export const vendorSchema = vendorFields.superRefine(parentComplete);
export const updateVendorSchema = vendorFields.extend(idAndVersion).superRefine(parentComplete);
export const deleteVendorSchema = z.object(idAndVersion);

export type VendorInput = z.infer<typeof vendorSchema>;
