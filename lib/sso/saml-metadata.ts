import "server-only";
import { X509Certificate } from "node:crypto";
import { DOMParser } from "@xmldom/xmldom";
import { generateServiceProviderMetadata } from "@node-saml/node-saml";

// SAML metadata both ways (decision 049): the identity provider's, pasted or fetched by an owner
// (or named by SOVRA_SAML_IDP_METADATA_URL/FILE), read for its entity ID, sign-in address and
// signing certificates; and Sovra's own, which the IdP imports. Errors are for the person who
// pasted the wrong thing, so they say what was found in plain words.

const MD = "urn:oasis:names:tc:SAML:2.0:metadata";
const DS = "http://www.w3.org/2000/09/xmldsig#";
const SAML2_PROTOCOL = "urn:oasis:names:tc:SAML:2.0:protocol";
const REDIRECT = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";
const POST = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST";

/** Metadata larger than this is refused, pasted or fetched (an IdP's is a few kB; a federation's aggregate is not meant for Sovra). */
export const METADATA_MAX_BYTES = 1024 * 1024;
/** How long fetching an IdP's metadata may take. */
export const METADATA_FETCH_TIMEOUT_MS = 10_000;

export interface IdpMetadata {
  entityId: string;
  /** Where AuthnRequests go: the HTTP-Redirect endpoint, else the HTTP-POST one. */
  ssoUrl: string;
  /** Base64 DER bodies (no PEM armour, no whitespace) of every signing certificate. */
  certificates: string[];
}

const notMetadata = (why: string) => new Error(`This is not SAML metadata: ${why}`);

function childElements(parent: Element, ns: string, localName: string): Element[] {
  const out: Element[] = [];
  for (let node = parent.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === 1 && (node as Element).namespaceURI === ns && (node as Element).localName === localName) out.push(node as Element);
  }
  return out;
}

function parseXml(xml: string): Document {
  const problems: string[] = [];
  const record = (msg: string) => problems.push(msg.replace(/^\[xmldom \w+\]\s*/, "").split("\n")[0]!.trim());
  let doc: Document;
  try {
    doc = new DOMParser({ errorHandler: { warning: () => undefined, error: record, fatalError: record } }).parseFromString(xml, "text/xml");
  } catch (e) {
    throw notMetadata(`it is not well-formed XML (${e instanceof Error ? e.message : String(e)}).`);
  }
  if (problems.length > 0 || !doc?.documentElement) throw notMetadata(`it is not well-formed XML (${problems[0] ?? "no root element"}).`);
  if (doc.doctype) throw notMetadata("it declares a document type (DOCTYPE), which Sovra refuses for safety.");
  return doc;
}

/** The EntityDescriptor describing an identity provider: the root, or the first such one in an EntitiesDescriptor. */
function idpEntity(doc: Document): { entity: Element; idp: Element } {
  const root = doc.documentElement;
  const isIdp = (e: Element) => childElements(e, MD, "IDPSSODescriptor").length > 0;
  if (root.namespaceURI === MD && root.localName === "EntityDescriptor") {
    if (!isIdp(root)) throw notMetadata("it describes a service provider or another kind of entity, not an identity provider (it has no IDPSSODescriptor).");
    return { entity: root, idp: childElements(root, MD, "IDPSSODescriptor")[0]! };
  }
  if (root.namespaceURI === MD && root.localName === "EntitiesDescriptor") {
    const all = Array.from(root.getElementsByTagNameNS(MD, "EntityDescriptor"));
    const entity = all.find(isIdp);
    if (!entity) throw notMetadata("none of the entities it lists is an identity provider (no IDPSSODescriptor).");
    return { entity, idp: childElements(entity, MD, "IDPSSODescriptor")[0]! };
  }
  const name = root.localName || root.nodeName;
  throw notMetadata(`it starts with <${name}> where SAML metadata starts with <EntityDescriptor>. Paste the identity provider's federation metadata XML.`);
}

function httpUrl(value: string): boolean {
  try {
    return /^https?:$/.test(new URL(value).protocol);
  } catch {
    return false;
  }
}

/**
 * Reads an identity provider's SAML 2.0 metadata: its entity ID, its single sign-on address
 * (HTTP-Redirect binding, else HTTP-POST) and its signing certificates (KeyDescriptors with
 * use="signing" or no use). Throws an Error whose message tells a person what is wrong. A DOCTYPE
 * (and so any entity declaration: XXE, entity expansion) is refused outright.
 * @example parseIdpMetadata(xml) // { entityId: "https://sts.windows.net/…/", ssoUrl: "https://login.microsoftonline.com/…/saml2", certificates: ["MIIC8D…"] }
 */
export function parseIdpMetadata(xml: string): IdpMetadata {
  if (typeof xml !== "string" || xml.trim() === "") throw notMetadata("the text is empty.");
  if (Buffer.byteLength(xml, "utf8") > METADATA_MAX_BYTES) throw notMetadata("it is larger than 1 MB.");
  // Refused before parsing too: the parser must never see an entity declaration.
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw notMetadata("it declares a document type (DOCTYPE), which Sovra refuses for safety.");
  const text = xml.replace(/^\uFEFF/, "").trim();
  if (!text.startsWith("<")) throw notMetadata("it is not XML. Paste the metadata document itself (it starts with <EntityDescriptor or <?xml), or give its URL.");
  const { entity, idp } = idpEntity(parseXml(text));

  const entityId = entity.getAttribute("entityID")?.trim() ?? "";
  if (!entityId) throw notMetadata("the identity provider has no entity ID (the entityID attribute is missing).");
  const protocols = (idp.getAttribute("protocolSupportEnumeration") ?? "").split(/\s+/);
  if (!protocols.includes(SAML2_PROTOCOL)) throw notMetadata("this identity provider does not declare SAML 2.0 support.");

  const services = childElements(idp, MD, "SingleSignOnService");
  const pick = (binding: string) => services.find((s) => s.getAttribute("Binding") === binding)?.getAttribute("Location")?.trim();
  const ssoUrl = pick(REDIRECT) ?? pick(POST);
  if (!ssoUrl) throw new Error("The metadata has no single sign-on address (a SingleSignOnService with the HTTP-Redirect or HTTP-POST binding).");
  if (!httpUrl(ssoUrl)) throw new Error(`The metadata's single sign-on address is not an http(s) address: ${ssoUrl.slice(0, 200)}`);

  const certificates: string[] = [];
  for (const key of childElements(idp, MD, "KeyDescriptor")) {
    const use = key.getAttribute("use");
    if (use && use !== "signing") continue;
    for (const cert of Array.from(key.getElementsByTagNameNS(DS, "X509Certificate"))) {
      const body = (cert.textContent ?? "").replace(/\s+/g, "");
      if (!body || certificates.includes(body)) continue;
      try {
        new X509Certificate(Buffer.from(body, "base64"));
      } catch {
        throw new Error("The metadata's signing certificate cannot be read (its X509Certificate is not a valid certificate).");
      }
      certificates.push(body);
    }
  }
  if (certificates.length === 0) throw new Error("The metadata has no signing certificate (a KeyDescriptor with an X509Certificate).");
  return { entityId, ssoUrl, certificates };
}

/**
 * Fetches an identity provider's metadata from an http(s) URL, within 10 seconds and 1 MB; throws
 * an Error with a plain message (which address, what went wrong) otherwise.
 * @example await fetchIdpMetadata("https://login.microsoftonline.com/…/federationmetadata.xml") // "<?xml …"
 */
export async function fetchIdpMetadata(url: string): Promise<string> {
  if (!httpUrl(url)) throw new Error("The metadata address must start with http:// or https://.");
  const fail = (why: string) => new Error(`Sovra could not read the metadata at ${url}: ${why}`);
  let response: Response;
  try {
    response = await fetch(url, {
      signal: AbortSignal.timeout(METADATA_FETCH_TIMEOUT_MS),
      headers: { accept: "application/samlmetadata+xml, application/xml, text/xml;q=0.9, */*;q=0.1" },
      redirect: "follow",
    });
  } catch (e) {
    const name = e instanceof Error ? e.name : "";
    if (name === "TimeoutError" || name === "AbortError") throw fail(`the server did not answer within ${METADATA_FETCH_TIMEOUT_MS / 1000} seconds.`);
    const cause = e instanceof Error && e.cause instanceof Error ? e.cause.message : e instanceof Error ? e.message : String(e);
    throw fail(`the server could not be reached (${cause}).`);
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw fail(`the server answered ${response.status}${response.statusText ? ` ${response.statusText}` : ""}.`);
  }
  const declared = Number(response.headers.get("content-length") ?? "0");
  if (declared > METADATA_MAX_BYTES) {
    await response.body?.cancel().catch(() => undefined);
    throw fail("the document is larger than 1 MB.");
  }
  if (!response.body) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > METADATA_MAX_BYTES) {
        await reader.cancel().catch(() => undefined);
        throw fail("the document is larger than 1 MB.");
      }
      chunks.push(value);
    }
  } catch (e) {
    if (e instanceof Error && e.message.startsWith("Sovra could not")) throw e;
    throw fail(e instanceof Error && e.name === "TimeoutError" ? `the server did not answer within ${METADATA_FETCH_TIMEOUT_MS / 1000} seconds.` : "the download broke off.");
  }
  return new TextDecoder("utf-8").decode(Buffer.concat(chunks));
}

// ---------------------------------------------------------------- Sovra as the service provider

/**
 * Sovra's entity ID for a connection: the address of its SP metadata. One per connection, so an
 * assertion addressed to one organisation's connection (its audience) is refused at another's,
 * even when both use the same IdP tenant; and an IdP can fetch the metadata from the ID itself.
 * @example spEntityId("0193…", "https://sovra.example.com") // "https://sovra.example.com/api/sso/saml/0193…/metadata"
 */
export function spEntityId(key: string, base: string): string {
  return `${base}/api/sso/saml/${encodeURIComponent(key)}/metadata`;
}

/** Where Sovra's SP metadata is served; the same address as the entity ID. */
export const spMetadataUrl = spEntityId;

/**
 * The Assertion Consumer Service (reply URL) of a connection: where the IdP POSTs its response.
 * @example acsUrl("instance", "https://sovra.example.com") // "https://sovra.example.com/api/sso/saml/instance/acs"
 */
export function acsUrl(key: string, base: string): string {
  return `${base}/api/sso/saml/${encodeURIComponent(key)}/acs`;
}

/** Asked for in Sovra's metadata (and what IdP set-up wizards preset); any NameID is accepted with an email attribute. */
export const NAME_ID_EMAIL = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress";

/**
 * Sovra's SP metadata for a connection: entity ID, ACS (HTTP-POST), signed assertions wanted,
 * email NameID preferred. Sovra signs nothing (its AuthnRequests need no signature), so no key.
 * @example spMetadataXml("instance", "https://sovra.example.com") // "<?xml …<EntityDescriptor entityID=\"https://sovra.example.com/api/sso/saml/instance/metadata\" …"
 */
export function spMetadataXml(key: string, base: string): string {
  return generateServiceProviderMetadata({
    issuer: spEntityId(key, base),
    callbackUrl: acsUrl(key, base),
    identifierFormat: NAME_ID_EMAIL,
    wantAssertionsSigned: true,
  });
}
