import { describe, expect, it } from "vitest";
import { absentActorLabel } from "@/lib/audit/labels";

describe("absentActorLabel", () => {
  it("names who acted without an account: a questionnaire link, the identity provider over SCIM, else a deleted account", () => {
    expect(absentActorLabel("answer")).toBe("Someone with the questionnaire link");
    expect(absentActorLabel("remove_member", { source: "scim", reason: "deactivated" })).toBe("Identity provider (SCIM)");
    expect(absentActorLabel("revoke_api_token", { revokedAt: "2026-12-07T00:00:00Z", source: "scim" })).toBe("Identity provider (SCIM)");
    expect(absentActorLabel("role_change", { role: "viewer" })).toBe("Deleted account");
    expect(absentActorLabel("update", null)).toBe("Deleted account");
  });
});
