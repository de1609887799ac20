import { describe, expect, it } from "vitest";
import { auditChanges, auditSubject, describeChanges, formatAuditValue, redactSecrets } from "./diff";
import { auditActionLabel, auditEntityTypeLabel, auditFieldLabel } from "./labels";

describe("auditChanges", () => {
  it("a change lists only the fields whose values differ, in words, without the row's bookkeeping", () => {
    const before = { name: "Lyon plant", country: "FR", headcount: 420, teams: ["Quality"], version: 1, updatedAt: "2026-12-01T10:00:00.000Z" };
    const after = { name: "Lyon plant", country: "FR", headcount: 1500, teams: ["Quality", "Maintenance"], version: 2, updatedAt: "2026-12-02T10:00:00.000Z" };
    expect(auditChanges(before, after)).toEqual([
      { field: "headcount", label: "Headcount", before: "420", after: "1,500" },
      { field: "teams", label: "Teams", before: "Quality", after: "Quality, Maintenance" },
    ]);
  });

  it("a creation lists the fields that hold a value, with nothing before: the name first, then by label", () => {
    expect(auditChanges(undefined, { id: "x", hqCountry: "FR", name: "Mistral", parentName: null, dpfCertified: false, notes: "" })).toEqual([
      { field: "name", label: "Name", before: null, after: "Mistral" },
      { field: "dpfCertified", label: "EU-US Data Privacy Framework", before: null, after: "no" },
      { field: "hqCountry", label: "HQ country", before: null, after: "FR" },
    ]);
  });

  it("orders the same whatever the snapshot's key order (jsonb reorders keys)", () => {
    const a = auditChanges({ title: "a", city: "x", owner: "p" }, { title: "b", city: "y", owner: "q" });
    const b = auditChanges({ owner: "p", city: "x", title: "a" }, { city: "y", owner: "q", title: "b" });
    expect(a).toEqual(b);
    expect(a.map((c) => c.field)).toEqual(["title", "city", "owner"]);
  });

  it("a deletion lists what was there, with nothing after", () => {
    expect(auditChanges({ name: "Old office", city: "Bonn" }, null)).toEqual([
      { field: "name", label: "Name", before: "Old office", after: null },
      { field: "city", label: "City", before: "Bonn", after: null },
    ]);
  });

  it("instants are shown in UTC; nested objects as labelled pairs, not JSON", () => {
    expect(auditChanges({ revokedAt: null }, { revokedAt: "2026-12-06T13:01:59.123Z" })).toEqual([{ field: "revokedAt", label: "Revoked", before: null, after: "6 Dec 2026, 13:01 UTC" }]);
    const [change] = auditChanges({ scope: { vendorCountries: { only: ["US"] } } }, { scope: { vendorCountries: { only: ["US", "CN"] }, weights: "closed" } });
    expect(change).toEqual({ field: "scope", label: "Scope", before: "Vendor countries: Only: US", after: "Vendor countries: Only: US, CN; Weights: closed" });
    expect(`${change?.before} ${change?.after}`).not.toMatch(/[{}"]|vendorCountries/);
  });

  it("an event without snapshots, or with equal ones, changed no field it can show", () => {
    expect(auditChanges(null, null)).toEqual([]);
    expect(auditChanges({ role: "editor" }, { role: "editor" })).toEqual([]);
  });

  it("a snapshot that is not an object is one value", () => {
    expect(auditChanges("a", "b")).toEqual([{ field: "value", label: "Value", before: "a", after: "b" }]);
  });
});

describe("describeChanges", () => {
  it("one line per field: from → to, or the value alone where there was none", () => {
    expect(describeChanges([{ field: "name", label: "Name", before: "Lyon", after: "Paris" }, { field: "city", label: "City", before: null, after: "Paris" }, { field: "notes", label: "Notes", before: "x", after: null }])).toBe(
      "Name: Lyon → Paris; City: Paris; Notes: x → —",
    );
  });
});

describe("formatAuditValue", () => {
  it.each<[unknown, string | null]>([
    [null, null],
    ["", null],
    [[], null],
    [true, "yes"],
    [12345.5, "12,345.5"],
    ["2026-12-06", "6 Dec 2026"],
    ["2026-12-06T00:00:00.000Z", "6 Dec 2026"],
    ["2026-12-06T23:30:00.000Z", "6 Dec 2026, 23:30 UTC"],
    ["2026-02-30", "2026-02-30"],
    ["not 2026-12-06T10:00:00Z", "not 2026-12-06T10:00:00Z"],
    [[{ countries: ["RU"] }, { countries: ["CN"] }], "(Countries: RU); (Countries: CN)"],
  ])("%j reads %j", (value, text) => {
    expect(formatAuditValue(value)).toBe(text);
  });
});

describe("auditSubject", () => {
  it("names the row by its name, title, email or file, preferring the state after the change", () => {
    expect(auditSubject({ name: "Old" }, { name: "New" })).toBe("New");
    expect(auditSubject({ title: "Drill the fallback" }, null)).toBe("Drill the fallback");
    expect(auditSubject(null, { file: "sovra-x.csv", bytes: 10 })).toBe("sovra-x.csv");
    expect(auditSubject({ role: "viewer" }, { role: "editor" })).toBeNull();
  });
});

describe("labels", () => {
  it.each([
    ["hqCountry", "HQ country"],
    ["originAiSystemId", "Origin AI system ID"],
    ["data_categories", "Data categories"],
    ["transferMechanism", "Transfer mechanism"],
    ["apiTokenMaxDays", "Maximum API token lifetime (days)"],
  ])("the field %s reads %s", (field, label) => {
    expect(auditFieldLabel(field)).toBe(label);
  });

  it("name actions and entity types, and put unknown codes into words", () => {
    expect(auditActionLabel("revoke_api_token")).toBe("API token revoked");
    expect(auditActionLabel("password_reset")).toBe("Password reset");
    expect(auditEntityTypeLabel("ai_system")).toBe("AI system");
    expect(auditEntityTypeLabel("login_attempt")).toBe("Login attempt");
    expect(auditActionLabel("constructor")).toBe("Constructor");
    expect(auditFieldLabel("constructor")).toBe("Constructor");
    expect(auditFieldLabel("toString")).toBe("To string");
  });
});

describe("redactSecrets", () => {
  it("hides secret-looking fields at any depth and keeps everything else", () => {
    expect(redactSecrets({ name: "CI", tokenHash: "ab12", nested: [{ password: "hunter2", role: "viewer" }], token: null })).toEqual({
      name: "CI",
      tokenHash: "[redacted]",
      nested: [{ password: "[redacted]", role: "viewer" }],
      token: null,
    });
    expect(redactSecrets(null)).toBeNull();
    expect(redactSecrets("text")).toBe("text");
  });
});
