import type { ExtraterritorialLaw } from "../../catalogue";
import type { TransferMechanism } from "../../schema/primitives";
import { blocOf, countryName, countryPhrase, hasAdequacy, isGdprOrigin, lawsInForce } from "../countries";
import type { EventHit } from "../match";
import type { Users } from "../route";
import { eventPhrase } from "./switched-off";
import { MODE } from "../explain-mode";
import { eventSource, lawSource, SOURCES, type Source } from "../sources";
import { MAX_POINTS, type FactorDraft } from "./types";
import { count } from "../../words";

const SRC_METHOD = [SOURCES.method] as const;
const SRC_GDPR = [SOURCES.gdprTransfers] as const;

const names = (codes: readonly string[]) => {
  const n = codes.map(countryPhrase);
  return n.length <= 1 ? (n[0] ?? "") : `${n.slice(0, -1).join(", ")} and ${n[n.length - 1]}`;
};

/**
 * Export controls, bans, vendor restrictions and disruptions in force. The strongest hit
 * (share of affected countries x severity) removes that part of the 35 points.
 *
 * @example
 * restrictionsFactor([], users).raw //=> 35
 * restrictionsFactor([{ impact: 0.4, share: 0.4, countries: ["CN", "IN"], ... }], users).raw //=> 21
 */
export function restrictionsFactor(hits: readonly EventHit[], users: Users): FactorDraft {
  const max = MAX_POINTS["jurisdiction.restrictions"];
  if (hits.length === 0) {
    return { id: "jurisdiction.restrictions", raw: max, sentence: "No export control, ban or vendor restriction in force reaches this dependency.", sources: SRC_METHOD };
  }
  const worst = [...hits].sort((a, b) => b.impact - a.impact || (a.event.key < b.event.key ? -1 : 1))[0]!;
  const raw = max * (1 - worst.impact);
  const how = worst.restriction.severity === "block" ? "blocks" : "requires a licence for";
  const pct = worst.share >= 0.995 ? "all" : `${Math.round(worst.share * 100)}%`;
  const licensee = worst.restriction.locus === "licensee";
  const where = licensee
    ? `for organisations based in ${names(worst.countries)}, as you are`
    : worst.restriction.locus === "hosting" || (worst.share === 1 && worst.restriction.locus !== "users" && worst.countries.length === 1 && !users.countries.includes(worst.countries[0]!))
      ? `where it runs (${names(worst.countries)})`
      : `for ${pct} ${users.basis === "people" ? "of the people who rely on it" : "of the offices that rely on it"} (offices in ${names(worst.countries)})${users.unrecorded.length > 0 ? `; headcount not recorded for ${users.unrecorded.join(", ")}: counted by offices, verify` : ""}`;
  const assumed = worst.assumedCompute ? " Training compute is undisclosed, so the model is assumed to be in scope." : "";
  const more = hits.length > 1 ? ` ${count(hits.length - 1, "further restriction")} also ${hits.length === 2 ? "applies" : "apply"}.` : "";
  const sources: Source[] = hits.map((h) => eventSource(h.event));
  return {
    id: "jurisdiction.restrictions",
    raw,
    sentence: MODE.explain ? `${eventPhrase(worst.event)} ${how} this model ${where}.${assumed}${more}` : "",
    sources,
    gap: `${worst.event.title} ${how === "blocks" ? "blocks it" : "requires a licence"} in ${names(worst.countries)}`,
  };
}

/** Points left when foreign access laws reach the chain: none, one jurisdiction, two or more. */
export const EXTRATERRITORIAL_POINTS = { none: 25, one: 8, several: 0 } as const;

/** Raw points of {@link extraterritorialFactor} (no explanation built). */
export function extraterritorialPoints(chain: readonly string[], homeBloc: string, asOf: string): number {
  let reached = 0;
  for (const c of chain) {
    if (blocOf(c) === homeBloc) continue;
    if (lawsInForce(c, asOf).length > 0) reached++;
  }
  return reached === 0 ? EXTRATERRITORIAL_POINTS.none : reached === 1 ? EXTRATERRITORIAL_POINTS.one : EXTRATERRITORIAL_POINTS.several;
}

/**
 * Foreign extraterritorial access laws (e.g. the US CLOUD Act, China's Data Security Law)
 * that reach a party in the chain (operator HQ and parent, hosting country). Laws of your own
 * home jurisdiction are not foreign.
 *
 * @example
 * extraterritorialFactor({ chain: ["US"], homeBloc: "EEA", asOf: "2026-01-01" }).raw //=> 8
 * extraterritorialFactor({ chain: ["DE"], homeBloc: "EEA", asOf: "2026-01-01" }).raw //=> 25
 */
export function extraterritorialFactor(input: { chain: readonly string[]; homeBloc: string; asOf: string }): FactorDraft {
  const reached: { country: string; laws: readonly ExtraterritorialLaw[] }[] = [];
  for (const c of input.chain) {
    if (blocOf(c) === input.homeBloc) continue;
    const laws = lawsInForce(c, input.asOf);
    if (laws.length > 0) reached.push({ country: c, laws });
  }
  if (reached.length === 0) {
    return { id: "jurisdiction.extraterritorial", raw: EXTRATERRITORIAL_POINTS.none, sentence: "No foreign extraterritorial access law reaches the companies or the location in this chain.", sources: SRC_METHOD };
  }
  const laws = reached.flatMap((r) => r.laws);
  const lawNames = laws.map((l) => l.name).join(", ");
  const raw = reached.length === 1 ? EXTRATERRITORIAL_POINTS.one : EXTRATERRITORIAL_POINTS.several;
  return {
    id: "jurisdiction.extraterritorial",
    raw,
    sentence: MODE.explain ? `Authorities in ${names(reached.map((r) => r.country))} can compel a company in this chain to hand over data or cooperate, wherever the data sits (${lawNames}).` : "",
    sources: laws.map(lawSource),
    gap: `reachable under ${lawNames}`,
  };
}

/** Points for the weakest personal-data transfer, by what makes it lawful. */
export const TRANSFER_POINTS = { notNeeded: 25, adequacy: 25, safeguards: 18, safeguardsWithForeignAccess: 15, derogation: 8, none: 0 } as const;

export interface TransferFlow {
  key: string;
  originCountry: string;
  personal: boolean;
  mechanism: TransferMechanism | undefined;
}

/** Points for one personal-data flow under {@link transferFactor}, or -1 when no transfer rule applies to it. */
export function transferFlowPoints(originCountry: string, mechanism: TransferMechanism | undefined, destination: string, importerDpf: boolean, foreignAccess: boolean, asOf: string): number {
  if (!isGdprOrigin(originCountry)) return -1;
  const dest = destination;
  if (blocOf(dest) === "EEA" || dest === originCountry || (originCountry === "GB" && blocOf(dest) === "EEA")) return -1;
  if (hasAdequacy(dest, asOf) && (dest !== "US" || importerDpf)) return TRANSFER_POINTS.adequacy;
  if (mechanism === "scc" || mechanism === "bcr") return foreignAccess ? TRANSFER_POINTS.safeguardsWithForeignAccess : TRANSFER_POINTS.safeguards;
  if (mechanism === "derogation") return TRANSFER_POINTS.derogation;
  return TRANSFER_POINTS.none;
}

/**
 * Whether personal data reaching this dependency from GDPR-family offices (EU/EEA, UK, CH)
 * has a lawful transfer basis. The weakest flow sets the points; an adequacy decision must be
 * in force on `asOf`, and US adequacy needs the importer's Data Privacy Framework certification.
 *
 * @example
 * transferFactor({ flows: [{ key: "f1", originCountry: "DE", personal: true, mechanism: "none" }], destination: "US", importerDpf: false, asOf: "2026-01-01" }).raw //=> 0
 */
export function transferFactor(input: {
  flows: readonly TransferFlow[];
  destination: string;
  /** The importer's Data Privacy Framework certification; undefined: not recorded (scored as not certified). */
  importerDpf: boolean | undefined;
  importerName?: string;
  foreignAccess: boolean;
  asOf: string;
}): FactorDraft & { unrecordedDpf: boolean } {
  const dest = input.destination;
  let worst: { points: number; flow: TransferFlow; why: string } | undefined;
  let relevant = 0;
  for (const f of input.flows) {
    if (!f.personal || !isGdprOrigin(f.originCountry)) continue;
    if (blocOf(dest) === "EEA" || dest === f.originCountry || (f.originCountry === "GB" && blocOf(dest) === "EEA")) continue;
    relevant++;
    const adequate = hasAdequacy(dest, input.asOf) && (dest !== "US" || input.importerDpf === true);
    let points: number;
    let why: string;
    if (adequate) {
      points = TRANSFER_POINTS.adequacy;
      why = "an adequacy decision";
    } else if (f.mechanism === "scc" || f.mechanism === "bcr") {
      points = input.foreignAccess ? TRANSFER_POINTS.safeguardsWithForeignAccess : TRANSFER_POINTS.safeguards;
      why = input.foreignAccess
        ? `${f.mechanism === "scc" ? "standard contractual clauses" : "binding corporate rules"}, which need a transfer impact assessment because foreign authorities can reach the importer`
        : f.mechanism === "scc" ? "standard contractual clauses" : "binding corporate rules";
    } else if (f.mechanism === "derogation") {
      points = TRANSFER_POINTS.derogation;
      why = "an Art. 49 derogation, meant for occasional transfers only";
    } else if (f.mechanism === "adequacy") {
      points = TRANSFER_POINTS.none;
      why = `an adequacy decision that does not cover ${countryPhrase(dest)}${dest === "US" ? ` for this importer (${input.importerDpf === false ? "not certified under the Data Privacy Framework" : "Data Privacy Framework certification not recorded"})` : ""}`;
    } else {
      points = TRANSFER_POINTS.none;
      why = "no recorded transfer mechanism";
    }
    if (!worst || points < worst.points || (points === worst.points && f.key < worst.flow.key)) worst = { points, flow: f, why };
  }
  if (!worst) {
    return { id: "jurisdiction.transfer", raw: TRANSFER_POINTS.notNeeded, sentence: "No personal data leaves the GDPR area through this dependency without adequate protection being automatic.", sources: SRC_GDPR, unrecordedDpf: false };
  }
  const w = worst;
  // US adequacy covers only certified importers: when nobody recorded whether this one is, say so.
  const unrecordedDpf = dest === "US" && input.importerDpf === undefined && hasAdequacy(dest, input.asOf);
  const verify = unrecordedDpf ? ` Whether ${input.importerName ?? "the importer"} is certified under the EU-US Data Privacy Framework is not recorded: verify (certified, the EU-US adequacy decision would cover this transfer).` : "";
  const sentenceOf = () =>
    (w.points === TRANSFER_POINTS.adequacy
      ? `${count(relevant, "personal-data flow")} ${relevant === 1 ? "goes" : "go"} to ${countryPhrase(dest)} under an adequacy decision in force.`
      : `${count(relevant, "personal-data flow")} ${relevant === 1 ? "goes" : "go"} to ${countryPhrase(dest)}; ${relevant === 1 ? "it leaves" : "the weakest leaves"} from ${countryName(w.flow.originCountry)} and relies on ${w.why}.`) + verify;
  return {
    id: "jurisdiction.transfer",
    unrecordedDpf,
    raw: worst.points,
    sentence: MODE.explain ? sentenceOf() : "",
    sources: worst.points < TRANSFER_POINTS.safeguards ? [SOURCES.gdprTransfers, SOURCES.edpbTia] : [SOURCES.gdprTransfers],
    gap: MODE.explain ? w.points < TRANSFER_POINTS.adequacy ? `personal data to ${countryPhrase(dest)} on ${w.why.split(",")[0]}` : undefined : undefined,
  };
}

/**
 * Sanctions in force touching the chain (operator, parent, hosting) or the offices using it.
 *
 * @example
 * sanctionsFactor([]).raw //=> 15
 */
export function sanctionsFactor(hits: readonly EventHit[]): FactorDraft {
  const max = MAX_POINTS["jurisdiction.sanctions"];
  if (hits.length === 0) {
    return { id: "jurisdiction.sanctions", raw: max, sentence: "No sanctions regime in force touches the companies, the location or the offices in this chain.", sources: SRC_METHOD };
  }
  const worst = [...hits].sort((a, b) => b.impact - a.impact || (a.event.key < b.event.key ? -1 : 1))[0]!;
  return {
    id: "jurisdiction.sanctions",
    raw: max * (1 - worst.impact),
    sentence: MODE.explain ? `${worst.event.title} applies to ${names(worst.countries)}, which this dependency touches.` : "",
    sources: hits.map((h) => eventSource(h.event)),
    gap: `sanctions on ${names(worst.countries)}`,
  };
}
