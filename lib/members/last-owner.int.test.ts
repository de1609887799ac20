// "An organisation keeps at least one owner" is checked inside each role change and removal,
// and an advisory lock per organisation makes concurrent ones take turns. Without the lock two
// owners demoting (or removing) each other at the same moment both see two owners, both
// proceed, and leave none. A race shows only sometimes, so each case runs several rounds, each
// on a fresh organisation, with the real mutations started together.
import { describe, expect, it } from "vitest";
import { contextFor, db } from "@/lib/testing/db";
import { buildOrganisationWithMembers } from "@/prisma/factories";
import { changeMemberRole, removeMember } from "./mutations";

const ROUNDS = 10;

/** A fresh organisation with exactly two owners (the owner and the promoted editor), each with their context and membership. */
async function twoOwners() {
  const org = await buildOrganisationWithMembers(db());
  const organisationId = org.organisation.id;
  await db().membership.updateMany({ where: { organisationId, userId: org.users.editor.id }, data: { role: "owner" } });
  const membership = (userId: string) => db().membership.findFirstOrThrow({ where: { organisationId, userId }, select: { id: true, version: true } });
  const first = { ctx: contextFor(org.organisation, org.users.owner.id, "owner"), membership: await membership(org.users.owner.id) };
  const second = { ctx: contextFor(org.organisation, org.users.editor.id, "owner"), membership: await membership(org.users.editor.id) };
  expect(await owners(organisationId)).toBe(2);
  return { organisationId, first, second };
}

const owners = (organisationId: string) => db().membership.count({ where: { organisationId, role: "owner" } });

type Owners = Awaited<ReturnType<typeof twoOwners>>;
type Side = Owners["first"];

const demote = (by: Side, target: Side) => changeMemberRole(by.ctx, { membershipId: target.membership.id, role: "viewer", version: target.membership.version });
const remove = (by: Side, target: Side) => removeMember(by.ctx, target.membership.id);

const RACES: Record<string, (o: Owners) => Promise<unknown>[]> = {
  "demote each other": ({ first, second }) => [demote(first, second), demote(second, first)],
  "remove each other": ({ first, second }) => [remove(first, second), remove(second, first)],
  "one demotes, the other removes": ({ first, second }) => [demote(first, second), remove(second, first)],
};

describe("two owners acting against each other at the same moment leave one owner", () => {
  for (const [name, race] of Object.entries(RACES)) {
    it(`${name}: one change goes through, the other is refused, ${ROUNDS} rounds out of ${ROUNDS}`, async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const o = await twoOwners();
        const results = await Promise.allSettled(race(o));
        expect({ round, owners: await owners(o.organisationId) }).toEqual({ round, owners: 1 });
        expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
        expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: "CONFLICT", message: expect.stringContaining("at least one owner") } });
      }
    });
  }
});
