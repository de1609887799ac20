// Who the blocking restrictions in force cut off from a route, and whether a fallback is blocked
// for the same users. Expected values are worked out by hand from the doc comments of
// recovery.ts: restrictions reach users, hosting or licensee; sanctions the chain, else the users;
// licence requirements do not block; nobody blocked is undefined.
import { describe, expect, it } from "vitest";
import { blockIn, imposeEvent, route, usersByShare } from "../testing/fixtures";
import { blockedOn, blocksSameUsers, type Blocked } from "./recovery";
import type { Route } from "./route";

const ev = imposeEvent;
const block = blockIn;

function on(shares: Record<string, number>, hosting = "US"): Route {
  const users = usersByShare(shares);
  return { ...route({ accessPath: "direct-api", hosting, licensee: "DE" }), userCountries: users.countries, users };
}

describe("blockedOn: the users that blocking restrictions in force cut off", () => {
  it("a restriction read at the hosting country blocks nobody when the model runs elsewhere, even if users sit in the set", () => {
    expect(blockedOn(on({ CN: 0.5, DE: 0.5 }, "US"), [ev("h", [block(["CN"], "hosting")])], [], ["US"])).toBeUndefined();
  });

  it("names only the events that block somebody", () => {
    const rt = on({ DE: 1 });
    const nobody = ev("a-everyone-but-germany", [{ countries: { allExcept: ["DE"] }, locus: "users", severity: "block" }]);
    const germany = ev("b-germany", [block(["DE"])]);
    const b = blockedOn(rt, [nobody, germany], [], ["US"]);
    expect(b).toMatchObject({ all: false, allBecause: undefined, share: 1, events: ["b-germany"] });
    expect([...b!.flags]).toEqual([1]);
  });

  it("lists the blocking events sorted by key, each once", () => {
    const rt = on({ CN: 0.25, DE: 0.5, RU: 0.25 });
    const b = blockedOn(rt, [ev("z-russia", [block(["RU"])]), ev("a-china", [block(["CN"])])], [ev("z-russia", [block(["RU"])])], ["US"]);
    expect(b).toMatchObject({ all: false, share: 0.5, events: ["a-china", "z-russia"] });
    expect([...b!.flags]).toEqual([1, 0, 1]);
  });

  it("never blocks more than everyone, even when the headcount shares add up past 1 in floating point", () => {
    // 0.2 + 0.4 + 0.3 + 0.1 is 1.0000000000000002 in doubles.
    const rt = on({ DE: 0.2, FR: 0.4, IT: 0.3, NL: 0.1 });
    const b = blockedOn(rt, [ev("eu", [{ countries: { only: [], sets: ["eu-member-states"] }, locus: "users", severity: "block" }])], [], ["US"]);
    expect(b).toMatchObject({ all: false, share: 1, events: ["eu"] });
  });

  it("is undefined when the blocked users count for no headcount", () => {
    expect(blockedOn(on({ CN: 0, DE: 1 }), [ev("cn", [block(["CN"])])], [], ["US"])).toBeUndefined();
  });
});

describe("blocksSameUsers: a fallback blocked for users the primary lost cannot carry them", () => {
  const blocked = (all: boolean, flags: number[]): Blocked => ({ all, allBecause: all ? "hosting" : undefined, flags: Uint8Array.from(flags), share: all ? 1 : 0.5, events: ["e"] });

  it("a fallback blocked for everyone blocks the primary's lost users", () => {
    expect(blocksSameUsers(blocked(false, [1, 0]), blocked(true, [0, 0]))).toBe(true);
  });

  it("a fallback blocked for other users only does not", () => {
    expect(blocksSameUsers(blocked(false, [1, 0]), blocked(false, [0, 1]))).toBe(false);
    expect(blocksSameUsers(blocked(false, [1, 0]), blocked(false, [1, 0]))).toBe(true);
    expect(blocksSameUsers(blocked(false, [1, 0]), undefined)).toBe(false);
  });
});
