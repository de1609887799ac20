import { z } from "zod";
import { cloudMatchesPath, routeFields } from "@/lib/dependencies/schemas";
import { checkbox, idAndVersion, optionalDate, optionalInt, optionalText } from "@/lib/form-fields";

export const fallbackSchema = z
  .object({
    dependencyId: z.uuid(),
    ...routeFields,
    lastTestedAt: optionalDate,
    /** Measured (or, if never tested, estimated) switch-over time in minutes. */
    switchTimeMinutes: optionalInt(60 * 24 * 365),
    qualityParityChecked: checkbox,
    exitPlan: optionalText(2000),
  })
  .superRefine(cloudMatchesPath);

export const deleteFallbackSchema = z.object(idAndVersion);

export type FallbackInput = z.infer<typeof fallbackSchema>;
