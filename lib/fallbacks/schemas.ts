import { z } from "zod";
import { cloudMatchesPath, routeFields } from "@/lib/dependencies/schemas";
import { checkbox, idAndVersion, optionalDate, optionalHttpUrl, optionalInt, optionalText } from "@/lib/form-fields";

const fallbackFields = {
  ...routeFields,
  lastTestedAt: optionalDate,
  /** Measured (or, if never tested, estimated) switch-over time in minutes. */
  switchTimeMinutes: optionalInt(60 * 24 * 365),
  qualityParityChecked: checkbox,
  exitPlan: optionalText(2000, "multi-line"),
  /** Where the full exit plan lives (wiki, runbook); shown as a link. */
  exitPlanUrl: optionalHttpUrl(2000),
};

export const fallbackSchema = z
  .object({ dependencyId: z.uuid(), ...fallbackFields })
  .superRefine(cloudMatchesPath);

/** Changes to a fallback: everything but the dependency it stands in for, and the version the form was read at. */
export const updateFallbackSchema = z.object({ ...fallbackFields, ...idAndVersion }).superRefine(cloudMatchesPath);

export const deleteFallbackSchema = z.object(idAndVersion);

export type FallbackInput = z.infer<typeof fallbackSchema>;
export type FallbackChanges = Omit<z.infer<typeof updateFallbackSchema>, "id" | "version">;

/** A fallback's fields as people call them, for conflict messages. */
export const FALLBACK_FIELD_LABELS = {
  modelId: "Fallback model",
  accessPath: "Access path",
  cloudVendorId: "Cloud",
  hostingCountry: "Hosting country",
  hostingRegion: "Hosting region",
  lastTestedAt: "Last drill",
  switchTimeMinutes: "Switch time",
  qualityParityChecked: "Quality parity checked",
  exitPlan: "Exit plan",
  exitPlanUrl: "Exit plan link",
} as const satisfies Record<keyof FallbackChanges, string>;
