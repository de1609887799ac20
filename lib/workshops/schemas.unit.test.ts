import { describe, expect, it } from "vitest";
import { z } from "zod";
import { verifyFormSchema } from "@/lib/workshops/schemas";

// The workshop screen's "to verify" form names its row in one select, as "type:id".
const ID = "01900000-0000-7000-8000-000000000001";

describe("verifyFormSchema", () => {
  it("splits the select's 'type:id' into the row's kind and id", () => {
    expect(verifyFormSchema.parse({ subject: `office:${ID}`, question: "Is the headcount right?", owner: "HR" })).toEqual({ subjectType: "office", subjectId: ID, question: "Is the headcount right?", owner: "HR" });
  });

  it("still takes the kind and id as two fields (the API and the capture form send them so)", () => {
    expect(verifyFormSchema.parse({ subjectType: "ai_system", subjectId: ID, question: "Which region?", owner: "Ops" })).toMatchObject({ subjectType: "ai_system", subjectId: ID });
  });

  it("refuses a select left on 'Choose…' and an unknown kind, under both fields, with the same words", () => {
    for (const subject of ["", `printer:${ID}`, "ai_system:not-an-id"]) {
      const r = verifyFormSchema.safeParse({ subject, question: "Q", owner: "O" });
      expect(r.success).toBe(false);
      const messages = Object.values(z.flattenError(r.error!).fieldErrors).flat();
      expect(new Set(messages)).toEqual(new Set(["Choose what it is about"]));
    }
  });
});
