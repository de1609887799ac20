import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { DOMParser } from "@xmldom/xmldom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { selfSignedCertificate } from "@/e2e/support/saml-idp";
import { acsUrl, fetchIdpMetadata, parseIdpMetadata, spEntityId, spMetadataXml } from "@/lib/sso/saml-metadata";
import { publicOrigin } from "@/lib/sso/public-origin";

const signing = selfSignedCertificate("signing");
const rollover = selfSignedCertificate("rollover");
const encryption = selfSignedCertificate("encryption");
const wrap = (body: string) => body.match(/.{1,64}/g)!.join("\n      ");

function idpMetadata(options: { services?: string; keys?: string; entityId?: string; protocols?: string } = {}) {
  const keys =
    options.keys ??
    `<KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>
      ${wrap(signing.certificateBody)}
    </ds:X509Certificate></ds:X509Data></ds:KeyInfo></KeyDescriptor>
    <KeyDescriptor><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${rollover.certificateBody}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></KeyDescriptor>
    <KeyDescriptor use="encryption"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${encryption.certificateBody}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></KeyDescriptor>`;
  const services =
    options.services ??
    `<SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://idp.example/saml2/post"/>
    <SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.example/saml2/redirect"/>`;
  return `<?xml version="1.0" encoding="utf-8"?>
<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="${options.entityId ?? "https://sts.idp.example/tenant/"}">
  <IDPSSODescriptor protocolSupportEnumeration="${options.protocols ?? "urn:oasis:names:tc:SAML:2.0:protocol"}">
    ${keys}
    ${services}
  </IDPSSODescriptor>
</EntityDescriptor>`;
}

describe("parseIdpMetadata", () => {
  it("reads the entity ID, the HTTP-Redirect sign-in address and every signing certificate without whitespace", () => {
    expect(parseIdpMetadata(idpMetadata())).toEqual({
      entityId: "https://sts.idp.example/tenant/",
      ssoUrl: "https://idp.example/saml2/redirect",
      certificates: [signing.certificateBody, rollover.certificateBody],
    });
  });

  it("takes the HTTP-POST address when the IdP offers no HTTP-Redirect one", () => {
    const xml = idpMetadata({ services: `<SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://idp.example/post"/>` });
    expect(parseIdpMetadata(xml).ssoUrl).toBe("https://idp.example/post");
  });

  it("finds the identity provider inside an EntitiesDescriptor, skipping other entities", () => {
    const inner = idpMetadata({ entityId: "https://idp.two/" }).replace(/^<\?xml[^>]*>\s*/, "");
    const xml = `<md:EntitiesDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata">
      <md:EntityDescriptor entityID="https://sp.one/"><md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"/></md:EntityDescriptor>
      ${inner}
    </md:EntitiesDescriptor>`;
    expect(parseIdpMetadata(xml).entityId).toBe("https://idp.two/");
  });

  it("reads metadata written with prefixes (md:, ds:) as well as with a default namespace", () => {
    const xml = idpMetadata().replace(/<(\/?)(EntityDescriptor|IDPSSODescriptor|KeyDescriptor|SingleSignOnService)/g, "<$1md:$2").replace('xmlns="urn', 'xmlns:md="urn');
    expect(parseIdpMetadata(xml).ssoUrl).toBe("https://idp.example/saml2/redirect");
  });

  it.each([
    ["a DOCTYPE with an external entity (XXE)", `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${idpMetadata().replace(/^<\?xml[^>]*>/, "")}`, /This is not SAML metadata: it declares a document type/],
    ["entity expansion (billion laughs)", `<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata">&lol2;</EntityDescriptor>`, /document type/],
    ["an HTML page (a sign-in page instead of the metadata)", "<!doctype html><html><body>Sign in</body></html>", /This is not SAML metadata/],
    ["an HTML page without a doctype", "<html><body>Sign in</body></html>", /This is not SAML metadata: it starts with <html>/],
    ["JSON (an OIDC discovery document)", '{"issuer":"https://idp.example"}', /This is not SAML metadata: it is not XML/],
    ["nothing", "   ", /This is not SAML metadata: the text is empty/],
    ["XML that is not well-formed", "<EntityDescriptor xmlns='urn:oasis:names:tc:SAML:2.0:metadata'><IDPSSODescriptor>", /This is not SAML metadata: it is not well-formed XML/],
    ["a service provider's metadata", spMetadataXml("instance", "https://sovra.example"), /not an identity provider/],
    ["an IdP without SAML 2.0", idpMetadata({ protocols: "urn:oasis:names:tc:SAML:1.1:protocol" }), /does not declare SAML 2.0/],
    ["no entity ID", idpMetadata({ entityId: "" }), /no entity ID/],
  ])("refuses %s with plain words", (_what, xml, message) => {
    expect(() => parseIdpMetadata(xml)).toThrow(message);
  });

  it("refuses metadata without a signing certificate (an encryption one does not count)", () => {
    const keys = `<KeyDescriptor use="encryption"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${encryption.certificateBody}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></KeyDescriptor>`;
    expect(() => parseIdpMetadata(idpMetadata({ keys }))).toThrow("The metadata has no signing certificate");
  });

  it("refuses a certificate that is not one", () => {
    const keys = `<KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>bm90IGEgY2VydGlmaWNhdGU=</ds:X509Certificate></ds:X509Data></ds:KeyInfo></KeyDescriptor>`;
    expect(() => parseIdpMetadata(idpMetadata({ keys }))).toThrow(/signing certificate cannot be read/);
  });

  it("refuses metadata without a sign-in address for a browser binding", () => {
    const services = `<SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:SOAP" Location="https://idp.example/soap"/>`;
    expect(() => parseIdpMetadata(idpMetadata({ services }))).toThrow(/no single sign-on address/);
  });

  it("refuses a sign-in address that is not http(s)", () => {
    const services = `<SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="javascript:alert(1)"/>`;
    expect(() => parseIdpMetadata(idpMetadata({ services }))).toThrow(/not an http\(s\) address/);
  });
});

describe("Sovra's SP addresses and metadata", () => {
  it("takes SOVRA_PUBLIC_URL over the request's origin, without a trailing slash (lib/sso/public-origin.ts, which every SSO address uses)", () => {
    expect(publicOrigin(new Headers({ host: "10.0.0.5:3000" }), { SOVRA_PUBLIC_URL: "https://sovra.example.com/", SOVRA_TRUSTED_PROXIES: 0 })).toBe("https://sovra.example.com");
    expect(publicOrigin(new Headers({ host: "localhost:3000" }), { SOVRA_PUBLIC_URL: undefined, SOVRA_TRUSTED_PROXIES: 0 })).toBe("http://localhost:3000");
  });

  it("gives each connection its own entity ID (its metadata address) and ACS", () => {
    expect(spEntityId("instance", "https://sovra.example")).toBe("https://sovra.example/api/sso/saml/instance/metadata");
    expect(acsUrl("0193a5b0-0000-7000-8000-000000000001", "https://sovra.example")).toBe("https://sovra.example/api/sso/saml/0193a5b0-0000-7000-8000-000000000001/acs");
  });

  it("writes metadata an IdP can import: entity ID, HTTP-POST ACS, signed assertions wanted", () => {
    const xml = spMetadataXml("instance", "https://sovra.example");
    const doc = new DOMParser().parseFromString(xml, "text/xml");
    const md = "urn:oasis:names:tc:SAML:2.0:metadata";
    expect(doc.documentElement.getAttribute("entityID")).toBe("https://sovra.example/api/sso/saml/instance/metadata");
    const sp = doc.getElementsByTagNameNS(md, "SPSSODescriptor")[0]!;
    expect(sp.getAttribute("WantAssertionsSigned")).toBe("true");
    const acs = doc.getElementsByTagNameNS(md, "AssertionConsumerService")[0]!;
    expect(acs.getAttribute("Binding")).toBe("urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST");
    expect(acs.getAttribute("Location")).toBe("https://sovra.example/api/sso/saml/instance/acs");
  });
});

describe("fetchIdpMetadata", () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === "/metadata") return res.writeHead(200, { "content-type": "application/samlmetadata+xml" }).end(idpMetadata());
      if (req.url === "/huge") {
        res.writeHead(200, { "content-type": "application/xml" }); // no content-length: counted while it streams
        const chunk = "x".repeat(64 * 1024);
        for (let i = 0; i < 20; i++) res.write(chunk);
        return res.end();
      }
      if (req.url === "/declared-huge") return res.writeHead(200, { "content-length": String(5 * 1024 * 1024) }).end();
      res.writeHead(404, { "content-type": "text/plain" }).end("nope");
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  it("answers the document at the address", async () => {
    expect(parseIdpMetadata(await fetchIdpMetadata(`${base}/metadata`)).entityId).toBe("https://sts.idp.example/tenant/");
  });

  it("says what the server answered when it is not a success", async () => {
    await expect(fetchIdpMetadata(`${base}/missing`)).rejects.toThrow(`Sovra could not read the metadata at ${base}/missing: the server answered 404`);
  });

  it("stops reading past 1 MB, declared or not", async () => {
    await expect(fetchIdpMetadata(`${base}/huge`)).rejects.toThrow(/larger than 1 MB/);
    await expect(fetchIdpMetadata(`${base}/declared-huge`)).rejects.toThrow(/larger than 1 MB/);
  });

  it("refuses addresses that are not http(s), and says when nobody answers", async () => {
    await expect(fetchIdpMetadata("file:///etc/passwd")).rejects.toThrow("must start with http:// or https://");
    await expect(fetchIdpMetadata("http://127.0.0.1:1/metadata")).rejects.toThrow(/could not be reached/);
  });
});
