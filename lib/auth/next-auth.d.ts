import type { DefaultSession } from "next-auth";

declare module "next-auth" {
  interface Session {
    user: { id: string } & DefaultSession["user"];
  }
  interface User {
    /** The server-side session opened by the sign-in (lib/auth/sessions.ts). */
    sessionId?: string;
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    /** The server-side session this cookie belongs to (lib/auth/sessions.ts). */
    sid?: string;
  }
}
