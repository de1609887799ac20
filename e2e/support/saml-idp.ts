import { createSign, generateKeyPairSync, randomBytes, randomUUID, X509Certificate } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { DOMParser } from "@xmldom/xmldom";
import * as samlify from "samlify";

// A real SAML 2.0 identity provider for tests, on loopback: samlify's IdentityProvider signs the
// responses (XML-DSig, RSA-SHA256), and only the test's wishes bend them (an unsigned assertion,
// a stranger's key, a shifted clock, no email, another audience). Used by lib/sso/saml.int.test.ts
// (over HTTP, port 0) and e2e/sso-saml.spec.ts (a browser, a fixed port).
//
//   GET  /metadata                      the IdP's metadata (entity ID, /sso, signing certificate)
//   GET  /sso?SAMLRequest=&RelayState=  an SP-initiated AuthnRequest (HTTP-Redirect): a login form
//   POST /sso/login                     the form: user=… → an auto-submitting form POSTing the response to the ACS
//   GET  /idp-initiated?user=&acs=&audience=&RelayState=   an unsolicited response (no InResponseTo)
//
// samlify refuses to parse any message until a schema validator is set (setSchemaValidator). The
// IdP parses one thing: Sovra's AuthnRequest. Its validator parses with xmldom (DOCTYPE refused),
// and requires a single samlp:AuthnRequest root of SAML 2.0 with an ID and an Issuer: a structural
// check, not XSD validation (no XSD validator is installed; the SP under test is what is tested).
//
// The certificate: node:crypto makes RSA keys but not X.509 certificates, and no certificate
// package (selfsigned, node-forge) is installed; so selfSignedCertificate() writes the few DER
// structures of a self-signed X.509 v3 certificate itself and signs them with node:crypto (no
// openssl binary needed), and checks the result with node's own X509Certificate parser.

const SAMLP = "urn:oasis:names:tc:SAML:2.0:protocol";

samlify.setSchemaValidator({
  validate: async (xml: string) => {
    if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new Error("DOCTYPE refused");
    const errors: string[] = [];
    const doc = new DOMParser({ errorHandler: { warning: () => undefined, error: (m: string) => errors.push(m), fatalError: (m: string) => errors.push(m) } }).parseFromString(xml, "text/xml");
    const root = doc?.documentElement;
    if (errors.length || !root) throw new Error(`not well-formed: ${errors[0] ?? "no root"}`);
    if (root.namespaceURI !== SAMLP || root.localName !== "AuthnRequest") throw new Error(`unexpected root ${root.nodeName}`);
    if (root.getAttribute("Version") !== "2.0" || !root.getAttribute("ID")) throw new Error("not a SAML 2.0 AuthnRequest");
    if (root.getElementsByTagNameNS("urn:oasis:names:tc:SAML:2.0:assertion", "Issuer").length !== 1) throw new Error("no Issuer");
    return "ok";
  },
});

// ---------------------------------------------------------------- a self-signed certificate

const derLength = (n: number) => {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v >>= 8) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
};
const tlv = (tag: number, ...parts: Buffer[]) => {
  const body = Buffer.concat(parts);
  return Buffer.concat([Buffer.from([tag]), derLength(body.length), body]);
};
const sequence = (...parts: Buffer[]) => tlv(0x30, ...parts);
const objectId = (dotted: string) => {
  const [a, b, ...rest] = dotted.split(".").map(Number) as [number, number, ...number[]];
  const out = [40 * a + b];
  for (const n of rest) {
    const bytes = [n & 0x7f];
    for (let v = n >> 7; v > 0; v >>= 7) bytes.unshift((v & 0x7f) | 0x80);
    out.push(...bytes);
  }
  return tlv(0x06, Buffer.from(out));
};
const integer = (bytes: Buffer) => tlv(0x02, bytes[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes);
const utcTime = (d: Date) => tlv(0x17, Buffer.from(`${d.toISOString().replace(/[-:T]/g, "").slice(2, 14)}Z`));
const commonName = (cn: string) => sequence(tlv(0x31, sequence(objectId("2.5.4.3"), tlv(0x0c, Buffer.from(cn, "utf8")))));

export interface KeyPair {
  /** PKCS#8 PEM. */
  privateKey: string;
  /** PEM certificate. */
  certificate: string;
  /** The certificate's base64 DER body, as in metadata. */
  certificateBody: string;
}

/**
 * A fresh RSA-2048 key and a self-signed X.509 v3 certificate (sha256WithRSAEncryption) for it,
 * valid from an hour ago for a year.
 * @example selfSignedCertificate("Test IdP").certificate // "-----BEGIN CERTIFICATE-----\nMIIC…"
 */
export function selfSignedCertificate(cn = "Sovra test IdP"): KeyPair {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const algorithm = sequence(objectId("1.2.840.113549.1.1.11"), Buffer.from([0x05, 0x00]));
  const serial = randomBytes(16);
  serial[0]! &= 0x7f;
  const now = Date.now();
  const tbs = sequence(
    tlv(0xa0, integer(Buffer.from([2]))),
    integer(serial),
    algorithm,
    commonName(cn),
    sequence(utcTime(new Date(now - 3_600_000)), utcTime(new Date(now + 365 * 86_400_000))),
    commonName(cn),
    publicKey.export({ type: "spki", format: "der" }),
  );
  const signature = createSign("sha256").update(tbs).sign(privateKey);
  const der = sequence(tbs, algorithm, tlv(0x03, Buffer.from([0]), signature));
  if (!new X509Certificate(der).verify(publicKey)) throw new Error("the self-signed certificate does not verify");
  const body = der.toString("base64");
  return {
    privateKey: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    certificate: `-----BEGIN CERTIFICATE-----\n${body.match(/.{1,64}/g)!.join("\n")}\n-----END CERTIFICATE-----\n`,
    certificateBody: body,
  };
}

// ---------------------------------------------------------------- the identity provider

export interface SamlIdpUser {
  email: string;
  displayName?: string;
  groups?: string[];
}

/** How the next responses are bent; reset() puts every one back. */
export interface SamlIdpTweaks {
  /** Sign the assertion (default true). */
  signAssertion: boolean;
  /** Sign the whole response (default false; always when the assertion is not signed). */
  signResponse: boolean;
  /** Sign with a key whose certificate is NOT in the metadata. */
  signWithOtherKey: boolean;
  /** Moves the IdP's clock: IssueInstant, NotBefore, NotOnOrAfter (negative: the past). */
  clockShiftMs: number;
  /** No email anywhere: NameID is an opaque persistent id, no email attribute. */
  omitEmail: boolean;
  /** Where the email goes: the NameID (emailAddress format), or only an attribute with Entra ID's claim name (NameID then persistent). */
  emailIn: "nameid" | "attribute";
  /** The audience (default: the SP's entity ID from its AuthnRequest, or derived from the ACS). */
  audience: string | null;
  /** A status other than Success (e.g. "urn:oasis:names:tc:SAML:2.0:status:Responder"). */
  status: string | null;
  /** How long the assertion is valid (NotOnOrAfter - IssueInstant). */
  validityMs: number;
}

const DEFAULT_TWEAKS: SamlIdpTweaks = {
  signAssertion: true,
  signResponse: false,
  signWithOtherKey: false,
  clockShiftMs: 0,
  omitEmail: false,
  emailIn: "nameid",
  audience: null,
  status: null,
  validityMs: 5 * 60_000,
};

export interface SamlIdpOptions {
  /** 127.0.0.1 by default. */
  host?: string;
  /** 0 (any free port) by default. */
  port?: number;
  /** Who can sign in, by login name (shown on the form). */
  users?: Record<string, SamlIdpUser>;
  /** The attribute carrying groups (default "groups"). */
  groupsAttribute?: string;
}

/** A posted response as a browser would send it to the ACS. */
export interface AutoPost {
  action: string;
  SAMLResponse: string;
  RelayState: string | null;
}

export interface SamlIdp {
  url: string;
  entityId: string;
  metadataUrl: string;
  metadataXml: string;
  /** The IdP's signing certificate (base64 DER body, as in its metadata). */
  certificate: string;
  setGroups(user: string, groups: string[]): void;
  setUser(login: string, user: SamlIdpUser): void;
  /** Bends the next responses (until reset()). */
  tweak(changes: Partial<SamlIdpTweaks>): void;
  reset(): void;
  /** The AuthnRequests received, newest last (their ID, Issuer and ACS URL). */
  requests: { id: string; issuer: string; acs: string }[];
  close(): Promise<void>;
}

const escapeXml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]!);
const escapeHtml = escapeXml;

/** Reads the auto-submitting form the IdP answers with (what the browser would POST). */
export function readAutoPost(html: string): AutoPost {
  const action = /<form[^>]*action="([^"]*)"/.exec(html)?.[1];
  const field = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? null;
  const SAMLResponse = field("SAMLResponse");
  if (!action || !SAMLResponse) throw new Error(`not an auto-post form: ${html.slice(0, 300)}`);
  const unescape = (s: string) => s.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" })[e]!);
  const relay = field("RelayState");
  return { action: unescape(action), SAMLResponse: unescape(SAMLResponse), RelayState: relay === null ? null : unescape(relay) };
}

/**
 * Starts the IdP on loopback; `close()` stops it.
 * @example const idp = await startSamlIdp({ users: { bob: { email: "bob@saml.example", groups: ["sovra-editors"] } } });
 */
export async function startSamlIdp(options: SamlIdpOptions = {}): Promise<SamlIdp> {
  const host = options.host ?? "127.0.0.1";
  const users = new Map(Object.entries(options.users ?? {}));
  const groupsAttribute = options.groupsAttribute ?? "groups";
  const keys = selfSignedCertificate("Sovra test IdP");
  const otherKeys = selfSignedCertificate("Someone else");
  let tweaks: SamlIdpTweaks = { ...DEFAULT_TWEAKS };
  const requests: SamlIdp["requests"] = [];

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
      res.end(`IdP error: ${e instanceof Error ? e.message : String(e)}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, host, resolve));
  const url = `http://${host}:${(server.address() as AddressInfo).port}`;
  const entityId = `${url}/metadata`;

  const idpFor = (which: KeyPair) =>
    samlify.IdentityProvider({
      entityID: entityId,
      privateKey: which.privateKey,
      signingCert: which.certificate,
      wantAuthnRequestsSigned: false,
      nameIDFormat: ["urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress"],
      singleSignOnService: [{ Binding: samlify.Constants.namespace.binding.redirect, Location: `${url}/sso` }],
      singleLogoutService: [{ Binding: samlify.Constants.namespace.binding.redirect, Location: `${url}/slo` }], // never used; samlify warns without one
    });
  const idp = idpFor(keys);
  const strangerIdp = idpFor(otherKeys);
  const metadataXml = idp.getMetadata();
  // Parses any SP's AuthnRequest (unsigned: the SP entity only names the sender).
  const anySp = samlify.ServiceProvider({ entityID: "urn:any-sp", assertionConsumerService: [] });

  async function parseRequest(query: Record<string, string>): Promise<{ id: string; issuer: string; acs: string }> {
    const parsed = await idp.parseLoginRequest(anySp, "redirect", { query, octetString: "" });
    const request = parsed.extract.request as Record<string, string> | undefined;
    const issuer = parsed.extract.issuer as string | undefined;
    if (!request?.id || !issuer || !request.assertionConsumerServiceUrl) throw new Error("AuthnRequest without ID, Issuer or AssertionConsumerServiceURL");
    return { id: request.id, issuer, acs: request.assertionConsumerServiceUrl };
  }

  /** A signed SAMLResponse (base64) for `user` to the SP at `acs`. */
  async function respond(user: SamlIdpUser, target: { acs: string; spEntityId: string; inResponseTo: string | null }): Promise<string> {
    const t = tweaks;
    const now = Date.now() + t.clockShiftMs;
    const iso = (ms: number) => new Date(ms).toISOString();
    const audience = t.audience ?? target.spEntityId;
    const sp = samlify.ServiceProvider({
      entityID: audience,
      assertionConsumerService: [{ Binding: samlify.Constants.namespace.binding.post, Location: target.acs }],
      // samlify signs the assertion when the SP wants it, and the message when the SP wants that or not the assertion.
      wantAssertionsSigned: t.signAssertion && t.status === null,
      wantMessageSigned: t.signResponse || !t.signAssertion || t.status !== null,
    });
    const responseId = `_${randomUUID()}`;
    const assertionId = `_${randomUUID()}`;
    const emailAsNameId = !t.omitEmail && t.emailIn === "nameid";
    const nameId = emailAsNameId
      ? `<saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">${escapeXml(user.email)}</saml:NameID>`
      : `<saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent">${escapeXml(Buffer.from(user.email).toString("hex").slice(0, 32))}</saml:NameID>`;
    const attribute = (name: string, values: string[]) =>
      values.length === 0
        ? ""
        : `<saml:Attribute Name="${escapeXml(name)}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:unspecified">${values.map((v) => `<saml:AttributeValue xsi:type="xs:string">${escapeXml(v)}</saml:AttributeValue>`).join("")}</saml:Attribute>`;
    const attributes = [
      !t.omitEmail && t.emailIn === "attribute" ? attribute("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress", [user.email]) : "",
      attribute("displayName", user.displayName ? [user.displayName] : []),
      attribute(groupsAttribute, user.groups ?? []),
    ].join("");
    const inResponseTo = target.inResponseTo ? ` InResponseTo="${escapeXml(target.inResponseTo)}"` : "";
    const status = t.status ?? "urn:oasis:names:tc:SAML:2.0:status:Success";
    const assertion =
      t.status === null
        ? `<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xs="http://www.w3.org/2001/XMLSchema" ID="${assertionId}" Version="2.0" IssueInstant="${iso(now)}">` +
          `<saml:Issuer>${escapeXml(entityId)}</saml:Issuer>` +
          `<saml:Subject>${nameId}<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData NotOnOrAfter="${iso(now + t.validityMs)}" Recipient="${escapeXml(target.acs)}"${inResponseTo}/></saml:SubjectConfirmation></saml:Subject>` +
          `<saml:Conditions NotBefore="${iso(now - 5_000)}" NotOnOrAfter="${iso(now + t.validityMs)}"><saml:AudienceRestriction><saml:Audience>${escapeXml(audience)}</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
          `<saml:AuthnStatement AuthnInstant="${iso(now)}" SessionIndex="${assertionId}"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>` +
          (attributes ? `<saml:AttributeStatement>${attributes}</saml:AttributeStatement>` : "") +
          `</saml:Assertion>`
        : "";
    const xml =
      `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${responseId}" Version="2.0" IssueInstant="${iso(now)}" Destination="${escapeXml(target.acs)}"${inResponseTo}>` +
      `<saml:Issuer>${escapeXml(entityId)}</saml:Issuer><samlp:Status><samlp:StatusCode Value="${escapeXml(status)}"/>${t.status ? "<samlp:StatusMessage>The test IdP was told to refuse.</samlp:StatusMessage>" : ""}</samlp:Status>` +
      assertion +
      `</samlp:Response>`;
    const signer = t.signWithOtherKey ? strangerIdp : idp;
    const { context } = await signer.createLoginResponse(sp, { extract: {} }, "post", { email: user.email }, { customTagReplacement: () => ({ id: responseId, context: xml }) });
    return context;
  }

  const autoPost = (action: string, samlResponse: string, relayState: string | null) =>
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Signing you in…</title></head><body>` +
    `<form method="post" action="${escapeHtml(action)}">` +
    `<input type="hidden" name="SAMLResponse" value="${escapeHtml(samlResponse)}">` +
    (relayState !== null ? `<input type="hidden" name="RelayState" value="${escapeHtml(relayState)}">` : "") +
    `<noscript><button type="submit">Continue</button></noscript></form>` +
    `<script>document.forms[0].submit()</script></body></html>`;

  const loginForm = (samlRequest: string, relayState: string | null) =>
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test IdP sign-in</title></head><body><main><h1>Test IdP</h1>` +
    `<form method="post" action="/sso/login">` +
    `<input type="hidden" name="SAMLRequest" value="${escapeHtml(samlRequest)}">` +
    (relayState !== null ? `<input type="hidden" name="RelayState" value="${escapeHtml(relayState)}">` : "") +
    `<fieldset><legend>Choose a user</legend>` +
    [...users.entries()].map(([login, u]) => `<button type="submit" name="user" value="${escapeHtml(login)}">Sign in as ${escapeHtml(u.email)}</button>`).join("") +
    `</fieldset></form></main></body></html>`;

  const send = (res: ServerResponse, status: number, type: string, body: string) => {
    res.writeHead(status, { "content-type": type, "cache-control": "no-store" });
    res.end(body);
  };
  const readForm = async (req: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
  };
  const userOr400 = (res: ServerResponse, login: string | null) => {
    const user = login ? users.get(login) : undefined;
    if (!user) send(res, 400, "text/plain; charset=utf-8", `unknown user ${login ?? ""}`);
    return user;
  };

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const u = new URL(req.url ?? "/", url);
    if (req.method === "GET" && u.pathname === "/metadata") return send(res, 200, "application/samlmetadata+xml", metadataXml);
    if (req.method === "GET" && u.pathname === "/sso") {
      const samlRequest = u.searchParams.get("SAMLRequest");
      if (!samlRequest) return send(res, 400, "text/plain; charset=utf-8", "no SAMLRequest");
      const parsed = await parseRequest({ SAMLRequest: samlRequest });
      requests.push(parsed);
      return send(res, 200, "text/html; charset=utf-8", loginForm(samlRequest, u.searchParams.get("RelayState")));
    }
    if (req.method === "POST" && u.pathname === "/sso/login") {
      const form = await readForm(req);
      const user = userOr400(res, form.get("user"));
      if (!user) return;
      const parsed = await parseRequest({ SAMLRequest: form.get("SAMLRequest") ?? "" });
      const response = await respond(user, { acs: parsed.acs, spEntityId: parsed.issuer, inResponseTo: parsed.id });
      return send(res, 200, "text/html; charset=utf-8", autoPost(parsed.acs, response, form.get("RelayState")));
    }
    if (req.method === "GET" && u.pathname === "/idp-initiated") {
      const user = userOr400(res, u.searchParams.get("user"));
      if (!user) return;
      const acs = u.searchParams.get("acs") ?? "";
      if (!/^https?:\/\//.test(acs)) return send(res, 400, "text/plain; charset=utf-8", "acs must be an http(s) URL");
      // Sovra's entity ID is its metadata address, beside the ACS.
      const spEntityId = u.searchParams.get("audience") ?? acs.replace(/\/acs$/, "/metadata");
      const response = await respond(user, { acs, spEntityId, inResponseTo: null });
      return send(res, 200, "text/html; charset=utf-8", autoPost(acs, response, u.searchParams.get("RelayState")));
    }
    send(res, 404, "text/plain; charset=utf-8", "not found");
  }

  return {
    url,
    entityId,
    metadataUrl: `${url}/metadata`,
    metadataXml,
    certificate: keys.certificateBody,
    setGroups(login, groups) {
      const user = users.get(login);
      if (!user) throw new Error(`no user ${login}`);
      users.set(login, { ...user, groups });
    },
    setUser(login, user) {
      users.set(login, user);
    },
    tweak(changes) {
      tweaks = { ...tweaks, ...changes };
    },
    reset() {
      tweaks = { ...DEFAULT_TWEAKS };
    },
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}
