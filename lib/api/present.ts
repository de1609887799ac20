import type { z } from "zod";
import type { LiveScore } from "@/lib/scores/queries";
import type { scoresSchema } from "@/lib/api/schemas";

/**
 * The live score as the API sends it: what the Scores page shows (organisation headline, the
 * vendor table weakest first, findings), not the engine's full result with every factor.
 */
export function presentScores(live: LiveScore, asOf: string): z.input<typeof scoresSchema> {
  if (!live.ok) return { ok: false, asOf, issues: live.issues };
  const { result } = live;
  const o = result.organisation;
  return {
    ok: true,
    asOf: result.asOf,
    methodologyVersion: result.methodologyVersion,
    organisation: { name: o.name, score: o.score, rating: o.rating, profile: o.profile, dimensions: o.dimensions, systemCount: o.systemCount, dependencyCount: o.dependencyCount },
    // The same selection and order as the Scores page's vendor table.
    vendors: result.vendors
      .filter((v) => v.dependencyCount > 0)
      .sort((a, b) => a.score - b.score || a.name.localeCompare(b.name))
      .map((v) => ({
        key: v.key,
        name: v.name,
        hqCountry: v.hqCountry,
        ultimateParentCountry: v.ultimateParentCountry ?? null,
        accessType: v.accessType,
        accessPaths: v.accessPaths,
        score: v.score,
        rating: v.rating,
        profile: v.profile,
        systemCount: v.systemCount,
        dependencyCount: v.dependencyCount,
      })),
    findings: result.findings.map((f) => ({ system: f.system, dependency: f.dependency, factor: f.factor, pointsLost: f.pointsLost, sentence: f.sentence, sources: f.sources.map((s) => ({ kind: s.kind, ref: s.ref, title: s.title })) })),
    skippedDataFlows: live.skippedDataFlows,
  };
}
