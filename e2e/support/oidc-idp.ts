// A real OpenID Connect identity provider for tests (decision 049): oidc-provider (OpenID
// certified) on 127.0.0.1, with a login page a browser fills in (the account id, then consent is
// granted without asking) and that an HTTP client can post to as well. Groups are an ID-token
// claim, as Entra ID and Keycloak (with a mapper) send them, and can change between sign-ins.
//
// Its clock can run fast or slow (`clockOffsetSeconds`): everything oidc-provider does inside one
// of its requests reads Date.now through an AsyncLocalStorage that adds the offset, so its tokens
// carry shifted `iat`/`exp` exactly as an IdP with a wrong clock would issue them, while the code
// under test in the same process keeps the real time.
//
// As a script, for a Playwright run that wants it in its own process:
//   node --import tsx e2e/support/oidc-idp.ts --port 3120 --config '{"clients":[…],"accounts":{…}}'
import { AsyncLocalStorage } from "node:async_hooks";
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";
import Provider, { type Configuration, type KoaContextWithOIDC } from "oidc-provider";

export interface IdpClient {
  client_id: string;
  client_secret: string;
  redirect_uris: string[];
}

export interface IdpAccount {
  email?: string;
  name?: string;
  groups?: string[];
}

export interface OidcIdpOptions {
  /** 0 (default): a free port chosen by the OS. */
  port?: number;
  clients: IdpClient[];
  /** By account id, which is what the login form asks for. */
  accounts: Record<string, IdpAccount>;
  /** How far the IdP's clock is off: -7200 issues ID tokens that expired an hour ago (with the default one-hour lifetime). */
  clockOffsetSeconds?: number;
}

export interface OidcIdp {
  /** http://127.0.0.1:PORT */
  issuer: string;
  /** Changes a person's groups for their next sign-in. */
  setGroups(accountId: string, groups: string[]): void;
  /** Adds or replaces an account. */
  setAccount(accountId: string, account: IdpAccount): void;
  /** Sets the IdP's clock offset for the requests that follow. */
  setClockOffset(seconds: number): void;
  close(): Promise<void>;
}

const clock = new AsyncLocalStorage<{ offsetMs: number }>();
let clockInstalled = false;

/** Once per process: Date.now adds the offset of the IdP request it is called in, and nothing elsewhere. */
function installClock() {
  if (clockInstalled) return;
  clockInstalled = true;
  const realNow = Date.now.bind(Date);
  Date.now = () => realNow() + (clock.getStore()?.offsetMs ?? 0);
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:24rem;margin:4rem auto;padding:0 1rem}label,input,button{display:block;margin:.5rem 0}input{width:100%;padding:.4rem}</style>
</head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

/**
 * Starts a test OIDC identity provider on 127.0.0.1.
 * @example
 * const idp = await startOidcIdp({
 *   clients: [{ client_id: "sovra", client_secret: "s3cret", redirect_uris: ["http://localhost:3000/api/auth/callback/sso-instance"] }],
 *   accounts: { alice: { email: "alice@idp.example", groups: ["risk"] } },
 * });
 * // … sign in, idp.setGroups("alice", []), sign in again …
 * await idp.close();
 */
export async function startOidcIdp(options: OidcIdpOptions): Promise<OidcIdp> {
  installClock();
  const accounts = new Map(Object.entries(options.accounts).map(([id, a]) => [id, { ...a }]));
  const state = { offsetMs: (options.clockOffsetSeconds ?? 0) * 1000 };

  const server = createServer((req, res) => {
    clock.run({ offsetMs: state.offsetMs }, () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      if (url.pathname.startsWith("/interaction/")) {
        interaction(req, res, url).catch((e: unknown) => {
          res.statusCode = 500;
          res.end(page("Error", `<p>${escapeHtml(String(e))}</p>`));
        });
      } else {
        callback(req, res);
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const jwk = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "jwk" });
  const configuration: Configuration = {
    clients: options.clients.map((c) => ({
      ...c,
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_basic",
    })),
    jwks: { keys: [{ ...jwk, kid: "test-signing-key", alg: "RS256", use: "sig" } as never] },
    cookies: { keys: [randomBytes(32).toString("hex")] },
    // Scope claims go into the ID token, as most enterprise IdPs do (Auth.js reads the ID token).
    conformIdTokenClaims: false,
    claims: { openid: ["sub", "groups"], email: ["email", "email_verified"], profile: ["name"] },
    scopes: ["openid", "email", "profile"],
    // PKCE on every authorization request, so a client that does not send it fails.
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    async findAccount(_ctx: KoaContextWithOIDC, id: string) {
      const account = accounts.get(id);
      if (!account) return undefined;
      return {
        accountId: id,
        async claims() {
          const current = accounts.get(id) ?? account;
          return {
            sub: id,
            ...(current.email !== undefined ? { email: current.email, email_verified: true } : {}),
            ...(current.name !== undefined ? { name: current.name } : {}),
            ...(current.groups !== undefined ? { groups: current.groups } : {}),
          };
        },
      };
    },
    renderError(ctx, out) {
      ctx.type = "html";
      ctx.body = page("Sign-in error", `<p id="error">${escapeHtml(out.error)}: ${escapeHtml(String(out.error_description ?? ""))}</p>`);
    },
  };
  // Requests only arrive once the issuer is known: the server listens first, to learn its port.
  const provider = new Provider(issuer, configuration);
  const callback = provider.callback();

  async function interaction(req: IncomingMessage, res: ServerResponse, url: URL) {
    const details = await provider.interactionDetails(req, res);
    const uid = details.uid;
    if (req.method === "POST" && url.pathname === `/interaction/${uid}/login`) {
      const form = await readForm(req);
      if (form.get("deny")) {
        await provider.interactionFinished(req, res, { error: "access_denied", error_description: "The person cancelled the sign-in at the identity provider." }, { mergeWithLastSubmission: false });
        return;
      }
      const accountId = form.get("login")?.trim() ?? "";
      if (!accounts.has(accountId)) {
        res.setHeader("content-type", "text/html; charset=utf-8");
        res.end(page("Sign in to the test IdP", `<p role="alert">Unknown account.</p>${loginForm(uid)}`));
        return;
      }
      await provider.interactionFinished(req, res, { login: { accountId } }, { mergeWithLastSubmission: false });
      return;
    }
    if (details.prompt.name === "login") {
      res.setHeader("content-type", "text/html; charset=utf-8");
      res.end(page("Sign in to the test IdP", loginForm(uid)));
      return;
    }
    // Consent: granted without asking (a first-party application).
    const { prompt, params, session } = details;
    const grant = details.grantId
      ? (await provider.Grant.find(details.grantId))!
      : new provider.Grant({ accountId: session!.accountId, clientId: String(params.client_id) });
    const missing = prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(" "));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    const grantId = await grant.save();
    await provider.interactionFinished(req, res, { consent: details.grantId ? {} : { grantId } }, { mergeWithLastSubmission: true });
  }

  return {
    issuer,
    setGroups(accountId, groups) {
      const account = accounts.get(accountId);
      if (!account) throw new Error(`no account ${accountId}`);
      account.groups = [...groups];
    },
    setAccount(accountId, account) {
      accounts.set(accountId, { ...account });
    },
    setClockOffset(seconds) {
      state.offsetMs = seconds * 1000;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function loginForm(uid: string): string {
  return `<form method="post" action="/interaction/${escapeHtml(uid)}/login">
<label for="login">Account</label><input id="login" name="login" autocomplete="username" autofocus required>
<button type="submit">Sign in</button>
</form>
<form method="post" action="/interaction/${escapeHtml(uid)}/login"><input type="hidden" name="deny" value="1"><button type="submit">Cancel</button></form>`;
}

// Run as a script: a separate process for a Playwright run (see the top of this file).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const config = JSON.parse(arg("config") ?? "{}") as Partial<OidcIdpOptions>;
  const idp = await startOidcIdp({
    port: Number(arg("port") ?? config.port ?? 0),
    clients: config.clients ?? [],
    accounts: config.accounts ?? {},
    clockOffsetSeconds: config.clockOffsetSeconds,
  });
  console.log(`oidc idp: ${idp.issuer}`);
  const stop = () => void idp.close().then(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}
