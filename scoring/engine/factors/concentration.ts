import { countryName } from "../countries";
import { controllingBloc, holdsOpenWeights, operatorOf, type Route } from "../route";
import { MODE } from "../explain-mode";
import { SOURCES } from "../sources";
import { MAX_POINTS, type FactorDraft, type FactorId } from "./types";

export const AXES = ["vendor", "model-family", "cloud", "jurisdiction"] as const;
export type Axis = (typeof AXES)[number];

/**
 * The keys a route concentrates on, per axis; undefined where the organisation itself
 * holds the capability (open weights it runs itself, or no third-party operator).
 *
 * @example
 * concentrationKeys(apiRouteTo("openai")) //=> { vendor: "openai", "model-family": "gpt", cloud: "openai", jurisdiction: "US" }
 */
export function concentrationKeys(route: Route): Record<Axis, string | undefined> {
  // Stryker disable next-line ObjectLiteral: callers read keys[axis]; an absent key reads as undefined just as this one does
  if (holdsOpenWeights(route)) return { vendor: undefined, "model-family": undefined, cloud: undefined, jurisdiction: undefined };
  return {
    vendor: route.vendor.key,
    "model-family": route.model.family ?? route.model.key,
    cloud: operatorOf(route)?.key,
    jurisdiction: controllingBloc(route),
  };
}

const SRC = [SOURCES.hhi, SOURCES.doraConcentration] as const;
const WHAT: Record<Axis, string> = { vendor: "vendor", "model-family": "model family", cloud: "cloud operator", jurisdiction: "jurisdiction" };

/**
 * Concentration on one axis: 25 x (1 - share), where share is the criticality-weighted share of
 * all AI dependencies that rest on the same key. The criticality-weighted mean of these points
 * over all dependencies equals 25 x (1 - HHI).
 *
 * @example
 * concentrationFactor("vendor", "openai", "OpenAI", 0.6).raw //=> 10
 * concentrationFactor("vendor", undefined, "", 0).raw //=> 25
 */
export function concentrationFactor(axis: Axis, key: string | undefined, label: string, share: number): FactorDraft {
  const id = `concentration.${axis}` as FactorId;
  const max = MAX_POINTS[id];
  if (key === undefined) {
    return { id, raw: max, sentence: MODE.explain ? `No third-party ${WHAT[axis]} can withdraw this capability: you run the open weights yourself.` : "", sources: SRC };
  }
  const pct = Math.round(share * 100);
  const name = axis === "jurisdiction" ? countryName(key) : label;
  return {
    id,
    raw: max * (1 - share),
    sentence: MODE.explain ? `${pct}% of your criticality-weighted AI dependencies rest on the same ${WHAT[axis]} (${name}).` : "",
    sources: SRC,
    gap: MODE.explain ? share >= 0.25 ? `${pct}% concentrated on ${name}` : undefined : undefined,
  };
}
