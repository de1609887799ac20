import { z } from "zod";
import { ACCESS_PATH_LABELS, DATA_CATEGORY_LABELS } from "@/lib/labels";
import type { AccessPath, DataCategory } from "@/lib/generated/prisma/enums";
import { checkbox, idAndVersion, optionalCountry, optionalDate, optionalText, repeated } from "@/lib/form-fields";

const accessPaths = Object.keys(ACCESS_PATH_LABELS) as [AccessPath, ...AccessPath[]];
const dataCategories = Object.keys(DATA_CATEGORY_LABELS) as [DataCategory, ...DataCategory[]];

/** The access paths that run on someone else's cloud, and so name its operator. */
export const CLOUD_PATHS: readonly AccessPath[] = ["cloud_marketplace", "third_party_hosted"];

/** How a model is reached: the fields a dependency and a fallback share. */
export const routeFields = {
  modelId: z.uuid({ message: "Choose a model" }),
  accessPath: z.enum(accessPaths, { message: "Choose an access path" }),
  cloudVendorId: z.preprocess((v) => (v === "" ? undefined : v), z.uuid({ message: "Choose a cloud" }).optional()).transform((v) => v ?? null),
  hostingCountry: optionalCountry,
  hostingRegion: optionalText(60),
};

/** A marketplace or third-party hosting path needs its cloud operator; the other paths have none. */
export function cloudMatchesPath(v: { accessPath: AccessPath; cloudVendorId: string | null }, ctx: z.RefinementCtx) {
  if (CLOUD_PATHS.includes(v.accessPath) && !v.cloudVendorId) ctx.addIssue({ code: "custom", path: ["cloudVendorId"], message: "Choose the cloud that hosts it" });
  if (!CLOUD_PATHS.includes(v.accessPath) && v.cloudVendorId) ctx.addIssue({ code: "custom", path: ["cloudVendorId"], message: "Only a cloud marketplace or third-party hosting path has a cloud" });
}

export const dependencySchema = z
  .object({
    aiSystemId: z.uuid(),
    ...routeFields,
    dataSent: repeated(z.enum(dataCategories, { message: "Choose a data category" })).transform((c) => [...new Set(c)]),
    exitPlanDocumented: checkbox,
    exitPlanLastReviewed: optionalDate,
  })
  .superRefine(cloudMatchesPath);

export const deleteDependencySchema = z.object(idAndVersion);

export type DependencyInput = z.infer<typeof dependencySchema>;
