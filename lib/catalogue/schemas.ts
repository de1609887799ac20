import { z } from "zod";
import { multiLineText, singleLineText } from "@/lib/text";
import { repeated } from "@/lib/form-fields";

const catalogueKey = z.string().trim().min(1, "Choose a vendor from the catalogue").max(80).superRefine(singleLineText);

/** Adding a catalogue vendor and some of its models (the form's checkboxes). */
export const addFromCatalogueSchema = z.object({
  catalogueKey,
  modelKeys: repeated(z.string().trim().min(1).max(80).superRefine(singleLineText)).optional(),
});
export type AddFromCatalogueInput = z.infer<typeof addFromCatalogueSchema>;

/** The search box's input. */
export const catalogueSearchSchema = z.object({ org: z.string().min(1).max(80).superRefine(singleLineText), query: z.string().max(100).superRefine(multiLineText) });
