import { describe, expect, it } from "vitest";
import type { ImposeEvent, LiftEvent, PolicyEvent } from "../schema/policy-event";
import { activePolicyEvents, diffLandscapes, landscapeEvents } from "./landscape";

const impose = (key: string, over: Partial<ImposeEvent> = {}): ImposeEvent => ({
  kind: "impose",
  key,
  title: `Impose ${key}`,
  effectiveDate: "2025-01-01",
  source: "test",
  type: "export-control",
  issuer: "US",
  scope: {},
  restrictions: [{ countries: { only: ["CN", "RU"] }, locus: "users", severity: "block" }],
  ...over,
});

const lift = (key: string, lifts: string, effectiveDate: string, over: Partial<LiftEvent> = {}): LiftEvent => ({
  kind: "lift",
  key,
  lifts,
  title: `Lift ${key}`,
  effectiveDate,
  source: "test",
  ...over,
});

const keys = (events: readonly { key: string }[]) => events.map((e) => e.key);

describe("landscapeEvents", () => {
  it("layers the document's events over the base, sorted by key, the document's version winning", () => {
    const base = [impose("e-zeta"), impose("e-alpha", { title: "base alpha" }), impose("e-mid"), impose("e-beta")];
    const doc = [impose("e-delta"), impose("e-alpha", { title: "doc alpha" })];
    const out = landscapeEvents(doc, base);
    expect(keys(out)).toEqual(["e-alpha", "e-beta", "e-delta", "e-mid", "e-zeta"]);
    expect(out[0]!.title).toBe("doc alpha");
  });
});

describe("activePolicyEvents", () => {
  it("sorts the events in force by key", () => {
    const events = [impose("e-zeta"), impose("e-mid"), impose("e-alpha"), impose("e-beta")];
    expect(keys(activePolicyEvents(events, "2025-02-01"))).toEqual(["e-alpha", "e-beta", "e-mid", "e-zeta"]);
  });

  it("counts an event from its effective date and stops counting it on its expiry date", () => {
    const events = [impose("e-x", { effectiveDate: "2025-01-01", expires: "2025-03-01" })];
    expect(keys(activePolicyEvents(events, "2024-12-31"))).toEqual([]);
    expect(keys(activePolicyEvents(events, "2025-01-01"))).toEqual(["e-x"]);
    expect(keys(activePolicyEvents(events, "2025-02-28"))).toEqual(["e-x"]);
    expect(keys(activePolicyEvents(events, "2025-03-01"))).toEqual([]);
  });

  it("ends an event on the day a full lift takes effect, not before", () => {
    const events = [impose("e-x"), lift("l-x", "e-x", "2025-05-01")];
    expect(activePolicyEvents(events, "2025-04-30")).toEqual([events[0]]);
    expect(activePolicyEvents(events, "2025-05-01")).toEqual([]);
  });

  it("ignores a partial lift that is not yet in force", () => {
    const e = impose("e-x");
    const out = activePolicyEvents([e, lift("l-x", "e-x", "2025-05-01", { countries: { only: ["RU"] } })], "2025-04-30");
    expect(out).toEqual([e]);
    expect(out[0]).not.toHaveProperty("partialLifts");
  });

  it("narrows the restrictions to the countries a partial lift did not free", () => {
    const e = impose("e-x", { restrictions: [{ countries: { only: ["RU", "CN", "IR"] }, locus: "hosting", severity: "licence-required" }] });
    const l = lift("l-x", "e-x", "2025-05-01", { countries: { only: ["RU"] }, title: "Russia freed" });
    const [out] = activePolicyEvents([e, l], "2025-05-01");
    expect(out!.restrictions).toEqual([{ countries: { only: ["CN", "IR"] }, locus: "hosting", severity: "licence-required" }]);
    expect(out!.partialLifts).toEqual([{ key: "l-x", title: "Russia freed", effectiveDate: "2025-05-01", countries: { only: ["RU"] } }]);
    expect(out!.title).toBe("Impose e-x");
  });

  it("adds the freed countries to an all-except restriction", () => {
    const e = impose("e-x", { restrictions: [{ countries: { allExcept: ["US"] }, locus: "users", severity: "block" }] });
    const [out] = activePolicyEvents([e, lift("l-x", "e-x", "2025-05-01", { countries: { only: ["GB"] } })], "2025-06-01");
    expect(out!.restrictions).toEqual([{ countries: { allExcept: ["GB", "US"] }, locus: "users", severity: "block" }]);
  });

  it("drops a restriction once its countries are all freed and keeps narrowing the others", () => {
    const e = impose("e-x", {
      restrictions: [
        { countries: { only: ["RU"] }, locus: "users", severity: "block" },
        { countries: { only: ["CN", "IR"] }, locus: "hosting", severity: "block" },
      ],
    });
    const events = [e, lift("l-2", "e-x", "2025-06-01", { countries: { only: ["CN"] } }), lift("l-1", "e-x", "2025-04-01", { countries: { only: ["RU"] } })];
    const [out] = activePolicyEvents(events, "2025-07-01");
    expect(out!.restrictions).toEqual([{ countries: { only: ["IR"] }, locus: "hosting", severity: "block" }]);
    expect(keys(out!.partialLifts!)).toEqual(["l-1", "l-2"]);
  });

  it("lists partial lifts by date, then by key, and flags only estimated dates", () => {
    const e = impose("e-x", { restrictions: [{ countries: { only: ["CN", "RU", "IR", "KP", "SY"] }, locus: "users", severity: "block" }] });
    const events: PolicyEvent[] = [
      e,
      lift("l-late", "e-x", "2025-08-01", { countries: { only: ["KP"] } }),
      lift("l-z", "e-x", "2025-05-01", { countries: { only: ["IR"] } }),
      lift("l-early", "e-x", "2025-03-01", { countries: { only: ["RU"] }, dateEstimated: true }),
      lift("l-y", "e-x", "2025-05-01", { countries: { only: ["CN"] } }),
    ];
    const [out] = activePolicyEvents(events, "2025-09-01");
    expect(out!.partialLifts).toEqual([
      { key: "l-early", title: "Lift l-early", effectiveDate: "2025-03-01", dateEstimated: true, countries: { only: ["RU"] } },
      { key: "l-y", title: "Lift l-y", effectiveDate: "2025-05-01", countries: { only: ["CN"] } },
      { key: "l-z", title: "Lift l-z", effectiveDate: "2025-05-01", countries: { only: ["IR"] } },
      { key: "l-late", title: "Lift l-late", effectiveDate: "2025-08-01", countries: { only: ["KP"] } },
    ]);
    expect(out!.restrictions).toEqual([{ countries: { only: ["SY"] }, locus: "users", severity: "block" }]);
  });

  it("takes an event out of force once partial lifts have freed every restricted country", () => {
    const events = [impose("e-x"), lift("l-1", "e-x", "2025-04-01", { countries: { only: ["CN"] } }), lift("l-2", "e-x", "2025-06-01", { countries: { only: ["RU"] } })];
    expect(keys(activePolicyEvents(events, "2025-05-31"))).toEqual(["e-x"]);
    expect(keys(activePolicyEvents(events, "2025-06-01"))).toEqual([]);
  });
});

describe("diffLandscapes", () => {
  // e-x restricts CN, RU and IR; two partial lifts free RU (April) and CN (June).
  const partly: PolicyEvent[] = [
    impose("e-x", { restrictions: [{ countries: { only: ["CN", "RU", "IR"] }, locus: "users", severity: "block" }] }),
    lift("l-ru", "e-x", "2025-04-01", { countries: { only: ["RU"] }, title: "Russia freed" }),
    lift("l-cn", "e-x", "2025-06-01", { countries: { only: ["CN"] }, title: "China freed" }),
  ];
  const at = (asOf: string) => ({ events: partly, asOf });

  it("reports the partial lifts added in the later landscape, dated by the last of them", () => {
    const [c, ...rest] = diffLandscapes(at("2025-03-01"), at("2025-07-01"));
    expect(rest).toEqual([]);
    expect(c!.change).toBe("partly-lifted");
    expect(c!.because).toBe("Russia freed; China freed");
    expect(c!.effectiveDate).toBe("2025-06-01");
    expect(c!.event.restrictions).toEqual([{ countries: { only: ["IR"] }, locus: "users", severity: "block" }]);
  });

  it("reports only the partial lifts the earlier landscape did not have", () => {
    const changes = diffLandscapes(at("2025-05-01"), at("2025-07-01"));
    expect(changes.map((c) => [c.change, c.because, c.effectiveDate])).toEqual([["partly-lifted", "China freed", "2025-06-01"]]);
  });

  it("reports an extension when the later landscape lacks partial lifts, dated by the first of them", () => {
    const [c, ...rest] = diffLandscapes(at("2025-07-01"), at("2025-03-01"));
    expect(rest).toEqual([]);
    expect(c!.change).toBe("extended");
    expect(c!.because).toBe("Before Russia freed; China freed");
    expect(c!.effectiveDate).toBe("2025-04-01");
    expect(c!.event.partialLifts).toBeUndefined();
  });

  it("reports only the partial lifts that the later landscape lacks", () => {
    const changes = diffLandscapes(at("2025-07-01"), at("2025-05-01"));
    expect(changes.map((c) => [c.change, c.because, c.effectiveDate])).toEqual([["extended", "Before China freed", "2025-06-01"]]);
  });

  it("reports nothing when both landscapes have the same partial lifts, or none", () => {
    expect(diffLandscapes(at("2025-04-15"), at("2025-05-20"))).toEqual([]);
    expect(diffLandscapes(at("2025-02-01"), at("2025-03-01"))).toEqual([]);
  });

  it("explains a lift by the full lift, on the day it takes effect", () => {
    const events = [impose("e-x"), lift("l-x", "e-x", "2025-05-01", { title: "Rule rescinded" })];
    const [c, ...rest] = diffLandscapes({ events, asOf: "2025-03-01" }, { events, asOf: "2025-05-01" });
    expect(rest).toEqual([]);
    expect(c).toEqual({ event: events[0], change: "lifted", because: "Rule rescinded", effectiveDate: "2025-05-01" });
  });

  it("explains an expiry by its date, even when a partial lift is in force too", () => {
    const events = [impose("e-x", { expires: "2025-06-01" }), lift("l-x", "e-x", "2025-04-01", { countries: { only: ["RU"] }, title: "Russia freed" })];
    const changes = diffLandscapes({ events, asOf: "2025-03-01" }, { events, asOf: "2025-06-01" });
    expect(changes.map((c) => [c.change, c.event.key, c.because, c.effectiveDate])).toEqual([["lifted", "e-x", "Expired on 2025-06-01", "2025-06-01"]]);
  });

  it("explains by expiry when a full lift exists but is not yet in force in the later landscape", () => {
    const events = [impose("e-x", { expires: "2025-06-01" }), lift("l-x", "e-x", "2025-09-01", { title: "Rule rescinded" })];
    const changes = diffLandscapes({ events, asOf: "2025-03-01" }, { events, asOf: "2025-07-01" });
    expect(changes.map((c) => [c.change, c.because])).toEqual([["lifted", "Expired on 2025-06-01"]]);
  });

  // It was dated by the full lift (2025-09-01, not yet in landscape B) while saying it expired on 2025-06-01.
  it("dates an expiry by the expiry, not by a full lift that is not yet in force", () => {
    const events = [impose("e-x", { expires: "2025-06-01" }), lift("l-x", "e-x", "2025-09-01", { title: "Rule rescinded" })];
    const changes = diffLandscapes({ events, asOf: "2025-03-01" }, { events, asOf: "2025-07-01" });
    expect(changes.map((c) => [c.because, c.effectiveDate])).toEqual([["Expired on 2025-06-01", "2025-06-01"]]);
  });

  it("explains an event freed country by country by its partial lifts, the last one on the later date", () => {
    const events = [impose("e-x", { expires: "2026-01-01" }), lift("l-1", "e-x", "2025-04-01", { countries: { only: ["CN"] } }), lift("l-2", "e-x", "2025-06-01", { countries: { only: ["RU"] } })];
    const changes = diffLandscapes({ events, asOf: "2025-03-01" }, { events, asOf: "2025-06-01" });
    expect(changes.map((c) => [c.change, c.event.key, c.because])).toEqual([["lifted", "e-x", "Partial lifts have freed every restricted country"]]);
  });

  // It was dated by its expiry (2026-01-01, after landscape B) or else by the day it was imposed.
  it("dates an event freed by partial lifts by the last of those lifts", () => {
    const events = [impose("e-x", { expires: "2026-01-01" }), lift("l-2", "e-x", "2025-06-01", { countries: { only: ["RU"] } }), lift("l-1", "e-x", "2025-04-01", { countries: { only: ["CN"] } })];
    const changes = diffLandscapes({ events, asOf: "2025-03-01" }, { events, asOf: "2025-06-01" });
    expect(changes.map((c) => [c.because, c.effectiveDate])).toEqual([["Partial lifts have freed every restricted country", "2025-06-01"]]);
  });

  it("explains an event not yet in force in the later landscape, ignoring partial lifts still to come and other events' lifts", () => {
    const events = [
      impose("e-x", { effectiveDate: "2025-01-01" }),
      lift("l-x", "e-x", "2025-04-01", { countries: { allExcept: [] } }),
      impose("e-y", { effectiveDate: "2024-06-01" }),
      lift("l-y", "e-y", "2024-11-01", { countries: { only: ["CN"] } }),
    ];
    const changes = diffLandscapes({ events, asOf: "2025-03-01" }, { events, asOf: "2024-12-01" });
    expect(changes.map((c) => [c.change, c.event.key, c.because, c.effectiveDate])).toEqual([["lifted", "e-x", "Not yet in force (effective 2025-01-01)", "2025-01-01"]]);
  });

  it("explains an event missing from the other landscape", () => {
    const a = [impose("e-x"), impose("e-y")];
    const b = [impose("e-y")];
    const changes = diffLandscapes({ events: a, asOf: "2025-03-01" }, { events: b, asOf: "2025-03-01" });
    expect(changes.map((c) => [c.change, c.event.key, c.because, c.effectiveDate])).toEqual([["lifted", "e-x", "Not part of the other landscape", "2025-01-01"]]);
  });

  it("sorts imposed and lifted changes together by event key", () => {
    const a = [impose("e-c"), impose("e-a")];
    const b = [impose("e-d", { title: "D imposed" }), impose("e-b", { title: "B imposed" })];
    const changes = diffLandscapes({ events: a, asOf: "2025-03-01" }, { events: b, asOf: "2025-03-01" });
    expect(changes.map((c) => [c.event.key, c.change, c.because])).toEqual([
      ["e-a", "lifted", "Not part of the other landscape"],
      ["e-b", "imposed", "B imposed"],
      ["e-c", "lifted", "Not part of the other landscape"],
      ["e-d", "imposed", "D imposed"],
    ]);
  });
});
