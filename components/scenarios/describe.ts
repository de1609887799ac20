import { shockEvents } from "@/scoring/scenario";
import { SCENARIO_SCHEMA_VERSION, type Shock } from "@/scoring/schema/scenario";

/** The engine's own sentence for each shock ("openai blocked for users in France, Germany"). */
export function describeShocks(name: string, shocks: Shock[]): string[] {
  return shockEvents({ schemaVersion: SCENARIO_SCHEMA_VERSION, key: "describe", name, shocks }, "2000-01-01").map((s) => s.description);
}
