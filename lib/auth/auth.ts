import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { cookies } from "next/headers";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { sessionUserId } from "@/lib/auth/session-token";
import { getDummyHash, verifyPassword } from "@/lib/auth/password";
import { signInSchema } from "@/lib/auth/schemas";
import { recordSignInAttempt, signInWaitMs } from "@/lib/auth/throttle";

/** Wrong email or wrong password: one error, so a caller cannot tell which part was wrong. */
export class InvalidCredentials extends CredentialsSignin {
  override code = "invalid_credentials";
}

/** Too many failures for this account or address; `code` carries the wait in ms. */
export class SignInThrottled extends CredentialsSignin {
  constructor(readonly waitMs: number) {
    super();
    this.code = `throttled:${waitMs}`;
  }
}

export function clientAddress(headers: Headers | undefined): string {
  // Behind a reverse proxy, x-forwarded-for holds the client; `next start` sets it itself.
  const forwarded = headers?.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || headers?.get("x-real-ip") || "unknown";
}

const nextAuth = NextAuth({
  trustHost: true,
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: "/sign-in" },
  logger: {
    // A failed sign-in is expected, not an error worth a stack trace.
    error(error) {
      if (!(error instanceof CredentialsSignin) && error.name !== "CredentialsSignin") console.error("[auth]", error);
    },
  },
  providers: [
    Credentials({
      credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
      async authorize(raw, request) {
        const parsed = signInSchema.safeParse(raw);
        if (!parsed.success) throw new InvalidCredentials();
        const { email, password } = parsed.data;
        const prisma = db();
        const address = clientAddress(request?.headers);
        const wait = await signInWaitMs(prisma, email, address);
        if (wait > 0) throw new SignInThrottled(wait);
        const user = await prisma.user.findUnique({ where: { email }, select: { id: true, email: true, name: true, passwordHash: true } });
        // Spend the same time whether or not the account exists.
        const ok = await verifyPassword(password, user?.passwordHash ?? (await getDummyHash()));
        await recordSignInAttempt(prisma, email, address, ok && user !== null);
        if (!ok || !user) throw new InvalidCredentials();
        return { id: user.id, email: user.email, name: user.name };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user?.id) token.sub = user.id;
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      return session;
    },
  },
});

export const { handlers, signIn, signOut } = nextAuth;

/**
 * The session of the current request: the user id from Auth.js's session cookie, decrypted
 * directly (lib/auth/session-token.ts) rather than through NextAuth's `auth()`, which costs a
 * few milliseconds of CPU per request in work a page does not need (CSRF token, callbacks).
 */
export async function auth(): Promise<{ user: { id: string } } | null> {
  const secret = env().AUTH_SECRET;
  if (!secret) throw new Error("AUTH_SECRET is not set: start Sovra with `npm start`, which provides one");
  const id = await sessionUserId((await cookies()).getAll(), secret);
  return id ? { user: { id } } : null;
}
