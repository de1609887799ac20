import { z } from "zod";
import { ACCESS_PATH_LABELS, DATA_CATEGORY_LABELS } from "@/lib/labels";
import type { AccessPath, DataCategory } from "@/lib/generated/prisma/enums";
import { checkbox, idAndVersion, optionalBoolean, optionalCountry, optionalDate, optionalText, repeated } from "@/lib/form-fields";
import { CLOUD_PATHS } from "./cloud-paths";

export { CLOUD_PATHS };

const accessPaths = Object.keys(ACCESS_PATH_LABELS) as [AccessPath, ...AccessPath[]];
const dataCategories = Object.keys(DATA_CATEGORY_LABELS) as [DataCategory, ...DataCategory[]];

/** How a model is reached: the fields a dependency and a fallback share. */
export const routeFields = {
  modelId: z.uuid({ message: "Choose a model" }),
  accessPath: z.enum(accessPaths, { message: "Choose an access path" }),
  cloudVendorId: z.preprocess((v) => (v === "" ? undefined : v), z.uuid({ message: "Choose a cloud" }).optional()).transform((v) => v ?? null),
  hostingCountry: optionalCountry,
  hostingRegion: optionalText(60, "single-line"),
};

/**
 * A marketplace or third-party hosting path needs its cloud operator and the country it runs in
 * (the scoring engine cannot place it otherwise, and would refuse the whole inventory); the other
 * paths have no cloud.
 */
export function cloudMatchesPath(v: { accessPath: AccessPath; cloudVendorId: string | null; hostingCountry: string | null }, ctx: z.RefinementCtx) {
  if (CLOUD_PATHS.includes(v.accessPath) && !v.cloudVendorId) ctx.addIssue({ code: "custom", path: ["cloudVendorId"], message: "Choose the cloud that hosts it" });
  if (CLOUD_PATHS.includes(v.accessPath) && !v.hostingCountry) ctx.addIssue({ code: "custom", path: ["hostingCountry"], message: "Choose the country where the cloud runs it" });
  if (!CLOUD_PATHS.includes(v.accessPath) && v.cloudVendorId) ctx.addIssue({ code: "custom", path: ["cloudVendorId"], message: "Only a cloud marketplace or third-party hosting path has a cloud" });
}

const dependencyFields = {
  ...routeFields,
  dataSent: repeated(z.enum(dataCategories, { message: "Choose a data category" })).transform((c) => [...new Set(c)]),
  exitPlanDocumented: checkbox,
  exitPlanLastReviewed: optionalDate,
  /** Does the contract fix where data may reside? null: not known. */
  contractDataResidency: optionalBoolean,
  /** Does the contract give exit terms (data return, transition help)? null: not known. */
  contractExitTerms: optionalBoolean,
  notes: optionalText(2000, "multi-line"),
};

export const dependencySchema = z
  .object({ aiSystemId: z.uuid(), ...dependencyFields })
  .superRefine(cloudMatchesPath);

/** Changes to a dependency: everything but its AI system, and the version the form was read at. */
export const updateDependencySchema = z.object({ ...dependencyFields, ...idAndVersion }).superRefine(cloudMatchesPath);

export const deleteDependencySchema = z.object(idAndVersion);

export type DependencyInput = z.infer<typeof dependencySchema>;
export type DependencyChanges = Omit<z.infer<typeof updateDependencySchema>, "id" | "version">;

/** A dependency's fields as people call them, for conflict messages and audit views. */
export const DEPENDENCY_FIELD_LABELS = {
  modelId: "Model",
  accessPath: "Access path",
  cloudVendorId: "Cloud",
  hostingCountry: "Hosting country",
  hostingRegion: "Hosting region",
  dataSent: "Data sent",
  exitPlanDocumented: "Exit plan documented",
  exitPlanLastReviewed: "Exit plan last reviewed",
  contractDataResidency: "Contract fixes data residency",
  contractExitTerms: "Contract has exit terms",
  notes: "Notes",
} as const satisfies Record<keyof DependencyChanges, string>;
