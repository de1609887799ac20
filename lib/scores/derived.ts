// What the pages derive from a live score, computed once per cached score rather than on every
// request. The live-score cache (lib/scores/queries.ts) answers the same object while the
// organisation's inventory version stands, so data keyed on that object lives exactly as long as
// the cache entry: a write bumps the version, the next request gets a new object, and the old
// one's derived data goes with it (a WeakMap holds nothing alive).
//
// Measured (npm run bench:score-cache): at issue 4's size (5,000 dependencies, 20,000 data flows)
// the Scores dashboard's data takes about 65 ms and the world map's about 65 ms per request (140 ms
// at 100,000 data flows); a lookup here costs nothing measurable. The derivations are pure, and
// callers only read what they get (React renders it, the client receives a copy).
import type { LiveScore } from "./queries";
import { buildScoresDashboard, type ScoresDashboard } from "./dashboard";
import { buildWorldMap, type WorldMapData } from "./world-map";
import { restrictionsInForce, type RestrictionInForce } from "./active-restrictions";

type ScoredLive = Extract<LiveScore, { ok: true }>;

const memos = new WeakMap<ScoredLive, Map<string, unknown>>();

function memo<T>(live: ScoredLive, name: string, build: () => T): T {
  let values = memos.get(live);
  if (!values) memos.set(live, (values = new Map()));
  if (values.has(name)) return values.get(name) as T;
  const value = build();
  values.set(name, value);
  return value;
}

/** The Scores dashboard's data (vendor table, radar, concentration, heat map) of a live score. */
export const scoresDashboardOf = (live: ScoredLive): ScoresDashboard => memo(live, "dashboard", () => buildScoresDashboard(live.result, live.document, live.systemIds));

/** The world map's data (offices, routes, processing countries) of a live score. */
export const worldMapOf = (live: ScoredLive): WorldMapData => memo(live, "world-map", () => buildWorldMap(live.document, live.result));

/** The restrictions in force that reach the organisation, for the "Switched off now" banner. */
export const restrictionsInForceOf = (live: ScoredLive): RestrictionInForce[] => memo(live, "restrictions", () => restrictionsInForce(live.result));
