import { z } from "zod";
import { singleLineText } from "@/lib/text";
import { ACCESS_PATH_LABELS, TRAINING_COMPUTE_LABELS, WEIGHTS_LABELS, type TrainingComputeBand } from "@/lib/labels";
import type { AccessPath, Weights } from "@/lib/generated/prisma/enums";
import { idAndVersion, optionalDate, optionalText, repeated } from "@/lib/form-fields";
import type { CatalogueModelFacts, OfferedAccessPath } from "@/lib/catalogue/facts";
import { MODEL_CATALOGUE_BACKED_FACTS, isOwnSource, newModelOverrides, type CatalogueBackedModelValues } from "@/lib/catalogue/overrides";
import { formatDay } from "@/lib/dates";

const weights = Object.keys(WEIGHTS_LABELS) as [Weights, ...Weights[]];
const accessPaths = Object.keys(ACCESS_PATH_LABELS) as [AccessPath, ...AccessPath[]];
const computeBands = Object.keys(TRAINING_COMPUTE_LABELS) as [TrainingComputeBand, ...TrainingComputeBand[]];

/** One way a model is offered: a path alone (a form's checkbox), or with its cloud, service and regions (the API). */
export const offeredAccessPathSchema = z.union([
  z.enum(accessPaths, { message: "Choose an access path" }).transform((path): OfferedAccessPath => ({ path })),
  z.strictObject({
    path: z.enum(accessPaths, { message: "Choose an access path" }),
    cloud: z.string().trim().min(1).max(80).superRefine(singleLineText).optional(),
    service: z.string().trim().min(1).max(120).superRefine(singleLineText).optional(),
    regions: z.array(z.string().trim().min(1).max(60).superRefine(singleLineText)).max(100).optional(),
  }),
]);

const isBare = (o: OfferedAccessPath) => Object.keys(o).length === 1;

// A path alone (a form's checkbox) once, and not beside entries with details for the same path.
const offeredAccessPaths = repeated(offeredAccessPathSchema)
  .pipe(z.array(z.custom<OfferedAccessPath>()).max(50, "At most 50 entries"))
  .transform((list) => list.filter((o, i) => !isBare(o) || !list.some((x, j) => x.path === o.path && (j < i || !isBare(x)))));

const modelFields = z.object({
  name: z.string().trim().min(1, "Enter a name").max(120, "Use at most 120 characters").superRefine(singleLineText),
  family: z.string().trim().min(1, "Enter a family").max(120, "Use at most 120 characters").superRefine(singleLineText),
  weights: z.enum(weights, { message: "Choose open or closed weights" }),
  licence: z.string().trim().min(1, "Enter the licence (e.g. proprietary, Apache-2.0)").max(200, "Use at most 200 characters").superRefine(singleLineText),
  licenceRestrictions: optionalText(1000, "multi-line"),
  trainingCompute: z.enum(computeBands, { message: "Choose a training compute band" }),
  offeredAccessPaths,
  source: optionalText(500, "single-line"),
  sourceAsOf: optionalDate,
});

/** A model added from the catalogue: the catalogue's entry and the values stored before this edit. */
export type ModelOverrideContext = { catalogue: CatalogueModelFacts; stored: CatalogueBackedModelValues | null } | null;

type WithFacts = Omit<CatalogueBackedModelValues, "offeredAccessPaths"> & { offeredAccessPaths: readonly OfferedAccessPath[]; source: string | null; sourceAsOf: Date | null };

// Changing a catalogue-backed fact away from the catalogue's value needs the organisation's own
// source, as for vendors (docs/decisions/009).
const ownSourceForOverrides = (o: ModelOverrideContext) => (v: WithFacts, ctx: z.RefinementCtx) => {
  if (!o) return;
  const changed = newModelOverrides(o.catalogue, o.stored, { ...v, offeredAccessPaths: v.offeredAccessPaths.map((p) => p.path) });
  if (!changed.length || isOwnSource(v.source, o.catalogue, v.sourceAsOf)) return;
  const facts = MODEL_CATALOGUE_BACKED_FACTS.filter((f) => changed.includes(f.fact)).map((f) => f.label.toLowerCase());
  ctx.addIssue({
    code: "custom",
    path: ["source"],
    message: `Give your own source: your ${facts.join(", ")} differ${facts.length === 1 ? "s" : ""} from the catalogue (${o.catalogue.source}, ${formatDay(o.catalogue.asOf)}); the catalogue's source will do with the date you read it yourself`,
  });
};

/** A new model under one of the organisation's vendors. */
export const createModelSchema = modelFields.extend({ vendorId: z.uuid("Choose a vendor") });
export const updateModelSchema = modelFields.extend(idAndVersion);
/** The model's fields without id and version, with the override rule: what the update action and the API check. */
export const modelSchemaFor = (o: ModelOverrideContext) => modelFields.superRefine(ownSourceForOverrides(o));
/** `updateModelSchema` with the override rule, for the edit form's client validation. */
export const updateModelSchemaFor = (o: ModelOverrideContext) => modelFields.extend(idAndVersion).superRefine(ownSourceForOverrides(o));
export const deleteModelSchema = z.object(idAndVersion);

/** Whether an offered path came without its cloud, service or regions (a form's checkbox). */
export { isBare as isBareOffering };

export type ModelInput = z.infer<typeof modelFields>;
export type CreateModelInput = z.infer<typeof createModelSchema>;

/** A stored model's catalogue-backed values, for comparing with the catalogue. */
export const storedModelValues = (m: Omit<CatalogueBackedModelValues, "offeredAccessPaths"> & { offeredAccessPaths: readonly OfferedAccessPath[] }): CatalogueBackedModelValues => ({
  family: m.family,
  weights: m.weights,
  licence: m.licence,
  trainingCompute: m.trainingCompute,
  offeredAccessPaths: m.offeredAccessPaths.map((o) => o.path),
});
