import "server-only";
import type { CacheItem, CacheProvider } from "@node-saml/node-saml";
import type { PrismaClient } from "@/lib/generated/prisma/client";

// What a SAML response is checked against, in the database (SamlRequest) so that any web process
// can answer the ACS, whichever one sent the AuthnRequest (decision 049):
//
// - Requests Sovra sent: id = the AuthnRequest's ID, connectionKey = the connection's key, valid
//   10 minutes. The response answering one (InResponseTo) is accepted once: consumeRequest()
//   deletes the row and only the caller that deleted it goes on, so two processes racing with the
//   same response cannot both sign in.
// - Assertions already accepted: id = "seen:{key}:{assertion ID}", connectionKey = "seen:{key}",
//   kept until the assertion's own NotOnOrAfter (plus the clock skew allowance), after which
//   node-saml refuses it as expired anyway. This refuses a replayed IdP-initiated response (which
//   answers no request), and a replayed SP-initiated one a second time over. The "seen:" prefix
//   keeps the two kinds apart (a request ID never starts with it: node-saml's start with "_"), and
//   the key in the id scopes an assertion ID to its IdP: one IdP cannot use up another's IDs.

/** How long an AuthnRequest can be answered. */
export const REQUEST_TTL_MS = 10 * 60_000;
/** An assertion without NotOnOrAfter (node-saml accepts one) is remembered this long. */
const SEEN_DEFAULT_TTL_MS = 24 * 3_600_000;

const seenKey = (key: string) => `seen:${key}`;

/**
 * node-saml's request-id cache for one connection. getAsync answers only this connection's
 * unexpired requests. removeAsync does nothing: node-saml calls it mid-validation (and on every
 * failure), before Sovra has decided; the request is used up by consumeRequest() or
 * discardRequest() once the outcome is known (so a retry after a metadata refresh still finds it).
 */
export function samlRequestCache(prisma: PrismaClient, key: string, now: () => Date = () => new Date()): CacheProvider {
  return {
    async saveAsync(id: string, value: string): Promise<CacheItem | null> {
      const at = now();
      // Expired rows (requests never answered, assertions past their time) go as new ones come.
      await prisma.samlRequest.deleteMany({ where: { expiresAt: { lt: at } } });
      await prisma.samlRequest.create({ data: { id, connectionKey: key, createdAt: at, expiresAt: new Date(at.getTime() + REQUEST_TTL_MS) } });
      return { value, createdAt: at.getTime() };
    },
    async getAsync(id: string): Promise<string | null> {
      const row = await prisma.samlRequest.findFirst({ where: { id, connectionKey: key, expiresAt: { gt: now() } }, select: { createdAt: true } });
      // node-saml compares this instant with requestIdExpirationPeriodMs.
      return row ? row.createdAt.toISOString() : null;
    },
    async removeAsync(id: string | null): Promise<string | null> {
      return id;
    },
  };
}

/** Uses up the request a response answers; false when it is unknown, expired or already used. */
export async function consumeRequest(prisma: PrismaClient, key: string, id: string, at = new Date()): Promise<boolean> {
  const { count } = await prisma.samlRequest.deleteMany({ where: { id, connectionKey: key, expiresAt: { gt: at } } });
  return count === 1;
}

/** Forgets a request whose response was refused: it cannot be answered again. */
export async function discardRequest(prisma: PrismaClient, key: string, id: string): Promise<void> {
  await prisma.samlRequest.deleteMany({ where: { id, connectionKey: key } });
}

/**
 * Remembers an accepted assertion until `notOnOrAfter`; false when it was accepted before (a
 * replay). Atomic: of two processes racing with the same assertion, one gets true.
 */
export async function rememberAssertion(prisma: PrismaClient, key: string, assertionId: string, notOnOrAfter: Date | null, at = new Date()): Promise<boolean> {
  const expiresAt = notOnOrAfter && notOnOrAfter.getTime() > at.getTime() ? notOnOrAfter : new Date(at.getTime() + SEEN_DEFAULT_TTL_MS);
  const { count } = await prisma.samlRequest.createMany({
    data: [{ id: `${seenKey(key)}:${assertionId}`.slice(0, 1_000), connectionKey: seenKey(key), createdAt: at, expiresAt }],
    skipDuplicates: true,
  });
  return count === 1;
}
