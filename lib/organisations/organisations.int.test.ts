import { describe, expect, it } from "vitest";
import { createFirstAccount, createOrganisation } from "./mutations";
import { hasAnyUser, listMyOrganisations } from "./queries";
import { buildUser } from "@/prisma/factories";
import { db } from "@/lib/testing/db";

describe("organisations", () => {
  it("the first-run path is closed once any account exists", async () => {
    await buildUser(db()); // other tests share this database, so an account exists
    expect(await hasAnyUser()).toBe(true);
    await expect(
      createFirstAccount({ name: "Late", email: "late@example.test", password: "a long enough password", organisationName: "Late AG", hqCountry: "DE", sector: "Retail" }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await db().user.findUnique({ where: { email: "late@example.test" } })).toBeNull();
  });

  it("a consultant creates several client workspaces, owns each, and gets distinct slugs for equal names", async () => {
    const consultant = await buildUser(db());
    const first = await createOrganisation(consultant.id, { name: "Client Holding GmbH", hqCountry: "DE", sector: "Retail" });
    const second = await createOrganisation(consultant.id, { name: "Client Holding GmbH", hqCountry: "AT", sector: "Retail" });
    expect(first.slug).not.toBe(second.slug);
    expect(second.slug.startsWith(first.slug)).toBe(true);
    const mine = await listMyOrganisations(consultant.id);
    expect(mine.map((o) => [o.slug, o.role])).toEqual(expect.arrayContaining([[first.slug, "owner"], [second.slug, "owner"]]));
  });

  it("never gives an organisation a slug that shadows an app route", async () => {
    const user = await buildUser(db());
    const org = await createOrganisation(user.id, { name: "Setup", hqCountry: "DE", sector: "IT" });
    expect(org.slug).not.toBe("setup");
  });
});
