// Who holds a route's off switch and which countries can compel it: the users of plain country
// lists, the operator by access path, the controlling bloc, and the chain of countries. Expected
// values are worked out by hand from the doc comments of route.ts and docs/METHODOLOGY.md.
import { describe, expect, it } from "vitest";
import { route, vendor } from "../testing/fixtures";
import { chainCountries, controllingBloc, operatorOf, usersOfCountries, type Route } from "./route";

const withCloud = (r: Route, hq: string, extra: Parameters<typeof vendor>[2] = {}): Route => ({ ...r, cloud: vendor("cloud", hq, { type: "hyperscaler", ...extra }) });

describe("usersOfCountries: users from countries alone", () => {
  it("keeps each country once, sorted, each counting the same, with offices as the basis", () => {
    expect(usersOfCountries(["US", "DE", "US"])).toEqual({ countries: ["DE", "US"], shares: [0.5, 0.5], basis: "offices", people: 0, unrecorded: [] });
  });
});

describe("operatorOf: who runs the model day to day", () => {
  it("is the vendor for a direct API, even when a cloud is recorded", () => {
    const r = withCloud(route({ accessPath: "direct-api", vendorKey: "openai" }), "US");
    expect(operatorOf(r)?.key).toBe("openai");
  });

  it("is the cloud for cloud paths, nobody for self-hosting", () => {
    expect(operatorOf(route({ accessPath: "cloud-marketplace", cloudHq: "US", vendorKey: "openai" }))?.key).toBe("cloud");
    expect(operatorOf(route({ accessPath: "self-hosted", weights: "open" }))).toBeUndefined();
  });
});

describe("controllingBloc: who holds the off switch", () => {
  it("is nobody when the organisation runs open weights on its own infrastructure", () => {
    expect(controllingBloc(route({ accessPath: "self-hosted", weights: "open", vendorHq: "US" }))).toBeUndefined();
  });

  it("is the vendor's bloc for a direct API to an open-weights model, not the recorded cloud's", () => {
    const r = withCloud(route({ accessPath: "direct-api", weights: "open", vendorHq: "FR" }), "US");
    expect(controllingBloc(r)).toBe("EEA");
  });

  it("is the cloud's bloc (through its parent) for open weights run on a cloud", () => {
    const r = withCloud(route({ accessPath: "third-party-hosted", weights: "open", vendorHq: "FR" }), "IE", { ultimateParent: { name: "Parent", country: "US" } });
    expect(controllingBloc(r)).toBe("US");
  });
});

describe("chainCountries: every country that can compel the route", () => {
  it("for a direct API: the vendor's HQ and the hosting country, sorted", () => {
    expect(chainCountries(route({ accessPath: "direct-api", vendorHq: "US", hosting: "DE" }))).toEqual(["DE", "US"]);
  });

  it("for a cloud path: the cloud's HQ, its ultimate parent and the hosting country, each once, sorted", () => {
    const r = withCloud(route({ accessPath: "cloud-marketplace", vendorHq: "FR", hosting: "SE" }), "IE", { ultimateParent: { name: "Parent", country: "US" } });
    expect(chainCountries(r)).toEqual(["IE", "SE", "US"]);
    const sameParent = withCloud(route({ accessPath: "cloud-marketplace", vendorHq: "FR", hosting: "US" }), "US", { ultimateParent: { name: "Parent", country: "US" } });
    expect(chainCountries(sameParent)).toEqual(["US"]);
  });

  it("for self-hosting: only the hosting country", () => {
    expect(chainCountries(route({ accessPath: "self-hosted", weights: "open", vendorHq: "US", hosting: "DE" }))).toEqual(["DE"]);
  });
});
