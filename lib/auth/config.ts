/**
 * Auth.js (next-auth v5) configuration: a Credentials provider over lib/auth/sign-in, JWT cookies
 * carrying only user and session ids. Whether a session is still valid is decided server-side on
 * every request (lib/auth/sessions.ts), not by the cookie's own expiry.
 */
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { randomUUID } from "node:crypto";
import { db } from "../db/client";
import { env } from "../env";
import { clientIp } from "../http/request-info";
import { authenticate, MfaCodeRequired, SignInThrottled } from "./sign-in";

/** Auth.js reports this code to the sign-in form, which then says "try again later". */
export class ThrottledSignin extends CredentialsSignin {
  code = "rate_limited";
}

/** The password was right; the form must now ask for the one-time code. */
export class CodeRequiredSignin extends CredentialsSignin {
  code = "mfa_required";
}
import { ABSOLUTE_TIMEOUT_MS, revokeSession } from "./sessions";

export const authConfig = {
  secret: env.AUTH_SECRET,
  trustHost: true,
  session: { strategy: "jwt", maxAge: ABSOLUTE_TIMEOUT_MS / 1000 },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  providers: [
    Credentials({
      credentials: {
        email: { label: "Email", type: "email" },
        password: { label: "Password", type: "password" },
        code: { label: "One-time code", type: "text" },
      },
      async authorize(credentials, request) {
        let actor;
        try {
          actor = await authenticate(db, {
            email: credentials?.email,
            password: credentials?.password,
            code: credentials?.code,
            ip: clientIp(request.headers),
            requestId: randomUUID(),
          });
        } catch (err) {
          if (err instanceof SignInThrottled) throw new ThrottledSignin();
          if (err instanceof MfaCodeRequired) throw new CodeRequiredSignin();
          throw err;
        }
        if (!actor) return null;
        return { id: actor.id, email: actor.email, name: actor.name, sid: actor.sessionId };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.sid = (user as { sid?: string }).sid;
      }
      return token;
    },
    session({ session, token }) {
      return { ...session, sid: token.sid as string | undefined };
    },
  },
  events: {
    async signOut(message) {
      const sid = "token" in message ? (message.token?.sid as string | undefined) : undefined;
      if (sid) await revokeSession(db, sid);
    },
  },
} satisfies NextAuthConfig;

export const { handlers, auth, signIn, signOut } = NextAuth(authConfig);
