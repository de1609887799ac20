import { z } from "zod";
import { multiLineText, singleLineText, textProblem } from "@/lib/text";
import { shockSchema } from "@/scoring/schema/scenario";
import { idAndVersion, optionalDate } from "@/lib/form-fields";

/** The engine's shocks, with the one free-text value among them (a cloud region's name) held to one line (lib/text.ts). */
export const shockListSchema = z
  .array(shockSchema, { error: "Expected a list of shocks" })
  .min(1, "Add at least one shock")
  .superRefine((shocks, ctx) =>
    shocks.forEach((shock, i) => {
      const problem = "region" in shock && typeof shock.region === "string" ? textProblem(shock.region, "single-line") : null;
      if (problem) ctx.addIssue({ code: "custom", path: [i, "region"], message: problem });
    }),
  );

/**
 * The shocks as the engine's scenario schema defines them. A form sends them as one JSON text
 * (the builder's hidden field), the API as an array: both go through the engine's schema, so
 * an invalid shock is refused with the engine's own message and path.
 */
export const shocksSchema = z.preprocess((v) => {
  if (typeof v !== "string") return v;
  if (v.trim() === "") return [];
  try {
    return JSON.parse(v) as unknown;
  } catch {
    return v;
  }
}, shockListSchema);

export const scenarioSchema = z.object({
  name: z.string().trim().min(1, "Enter a name").max(120, "Use at most 120 characters").superRefine(singleLineText),
  description: z.string().trim().max(1000, "Use at most 1,000 characters").superRefine(multiLineText).default(""),
  /** Landscape date to simulate against; blank: the day it runs. */
  asOf: optionalDate,
  shocks: shocksSchema,
});

export const updateScenarioSchema = scenarioSchema.extend(idAndVersion);
export const deleteScenarioSchema = z.object(idAndVersion);
export const runScenarioSchema = z.object({ id: z.uuid() });
/** A saved scenario run in the room during a workshop. */
export const runWorkshopShockSchema = z.object({ workshopId: z.uuid(), scenarioId: z.uuid() });

export type ScenarioInput = z.infer<typeof scenarioSchema>;
