import type { ImposeEvent } from "../../schema/policy-event";
import { countryPhrase } from "../countries";
import { duration } from "../dates";
import type { SwitchedOff } from "../evaluate";
import { MODE } from "../explain-mode";
import type { Users } from "../route";
import { eventSource, SOURCES, type Source } from "../sources";
import type { FactorDraft } from "./types";

const pct = (x: number) => `${Math.round(x * 100)}%`;
/** A share in words: never "0%" for someone blocked. */
const sharePct = (x: number) => (x > 0 && x < 0.005 ? "less than 1%" : pct(x));
/** A share inside a formula, to a tenth of a per cent, so that the formula's figures agree with its result. */
const formulaPct = (x: number) => `${Math.round(x * 1000) / 10}%`;
const fmt = (x: number) => (Math.round(x * 10) / 10).toFixed(1);
/** Points taken: to a tenth, or to a hundredth when a tenth would read "0.0". */
const fmtPoints = (x: number) => (x >= 0.05 ? fmt(x) : x.toFixed(2));

/** "A, B and C". */
export function listOf(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/**
 * An event for sentences: its title and since when it is in force, and any partial lift that
 * narrowed it, each date with its estimate mark.
 *
 * @example
 * eventPhrase({ title: "US export restriction on Anthropic's models", effectiveDate: "2026-03-02", dateEstimated: true, ... })
 * //=> "US export restriction on Anthropic's models (in force since 2026-03-02, estimated date)"
 */
export function eventPhrase(e: ImposeEvent & { partialLifts?: { title: string; effectiveDate: string; dateEstimated?: boolean }[] }): string {
  // A lift's date can be as much an estimate as the event's (the reports of a rescission may give none).
  const lifted = e.partialLifts?.length ? `; partly lifted: ${e.partialLifts.map((l) => `${l.title}, ${l.effectiveDate}${l.dateEstimated ? ", estimated date" : ""}`).join("; ")}` : "";
  return `${e.title} (in force since ${e.effectiveDate}${e.dateEstimated ? ", estimated date" : ""}${lifted})`;
}

/** Who the blocked share is, in words. */
export function blockedUsersPhrase(off: Pick<SwitchedOff, "share" | "allBecause" | "countries">, users: Users): string {
  if (off.allBecause === "hosting") return `everyone who relies on it: it runs in ${countryPhrase(off.countries[0] ?? "")}`;
  if (off.allBecause === "licensee") return `everyone: the licence grants no rights to organisations based in ${countryPhrase(off.countries[0] ?? "")}`;
  if (off.allBecause === "chain") return "everyone: a sanction in force touches a company or location in its chain";
  const who = users.basis === "people" ? "of the people who rely on it" : "of the offices that rely on it";
  const verify = users.unrecorded.length > 0 ? `; headcount not recorded for ${listOf(users.unrecorded)}: counted by offices, verify` : "";
  return `${off.share >= 0.995 ? "all" : sharePct(off.share)} ${who} (offices in ${listOf(off.countries.map(countryPhrase))}${verify})`;
}

/**
 * The switched-off adjustment as a named factor: 0 when no restriction in force blocks anyone,
 * else what the rule takes from the structural score, with a sentence a board member can read.
 */
export function switchedOffFactor(
  off: SwitchedOff | undefined,
  info: { events: ReadonlyMap<string, ImposeEvent>; users: Users; systemName: string; toleratedHours: number; fallbackName: (key: string) => string; low: number },
): FactorDraft {
  if (off === undefined) {
    return { id: "jurisdiction.switched-off", raw: 0, sentence: "No restriction in force switches this dependency off for anyone today.", sources: [SOURCES.method] };
  }
  const raw = off.effective - off.structural;
  const events = off.events.map((k) => info.events.get(k)).filter((e): e is ImposeEvent => e !== undefined);
  const sources: Source[] = [...events.map(eventSource), SOURCES.method];
  if (!MODE.explain) return { id: "jurisdiction.switched-off", raw, sentence: "", sources, gap: "switched off today" };
  const by = listOf(events.map(eventPhrase));
  const what = `${by} ${events.length === 1 ? "blocks" : "block"} this model for ${blockedUsersPhrase(off, info.users)}.`;
  const fb = off.fallback === undefined ? "" : info.fallbackName(off.fallback);
  // The blocked share never comes back better than the dependency itself: min(N, F) (METHODOLOGY).
  const F = off.fallbackScore;
  const recoveredAt =
    F === undefined ? "its score" : F > off.structural ? `${fmt(off.structural)}, this dependency's own score (the fallback alone would score ${fmt(F)})` : `${fmt(F)}, the fallback's own score`;
  const recovery =
    off.status === "recovers"
      ? `The tested fallback ${fb} takes over within the tolerated ${duration(info.toleratedHours)} (switch ${duration(off.switchTimeHours ?? 0)}), so that share counts at ${recoveredAt}.`
      : off.status === "recovers-slowly"
        ? `The fallback ${fb} is tested, but ${off.switchTimeHours === undefined ? "its switch time is not recorded" : `switching takes ${duration(off.switchTimeHours)}`} against the tolerated ${duration(info.toleratedHours)}, so that share counts at three quarters of ${recoveredAt}.`
        : off.status === "uncertain"
          ? `The fallback ${fb} has not been tested in a drill within a year, so that share counts at half of ${recoveredAt}.`
          : "No fallback recorded can carry those users: for them the service is off.";
  const cap = off.cap === undefined || off.effective < off.cap - 1e-9 ? "" : ` Switched off for most of its users without a tested fallback within the tolerated downtime, it scores at most 2 × (1 − ${formulaPct(off.share)}) × ${info.low} = ${fmt(off.cap)}: Very Low.`;
  const cost = raw < -0.005 ? ` This takes ${fmtPoints(-raw)} points from the ${fmt(off.structural)} its factors add up to.` : "";
  const gap = off.status === "recovers" ? `switched off for ${sharePct(off.share)} of its users; a tested fallback recovers them` : `switched off today for ${sharePct(off.share)} of its users`;
  return { id: "jurisdiction.switched-off", raw, sentence: `${what} ${recovery}${cap}${cost}`, sources, gap };
}
