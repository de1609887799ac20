import { describe, expect, it } from "vitest";
import { GET } from "@/app/api/live/route";

// Liveness answers from the process alone (docs/decisions/048): no database is configured in the
// unit project, and it still answers 200, uncached.
describe("GET /api/live", () => {
  it("answers 200 without asking the database, and is never cached", async () => {
    const res = GET();
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toEqual({ status: "ok" });
  });
});
