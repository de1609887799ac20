import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

// An OIDC client secret is needed in clear at every sign-in, so it cannot be hashed; it is
// encrypted at rest with AES-256-GCM under a key derived from AUTH_SECRET (HKDF, own label), so
// a database dump alone does not give it away. Rotating AUTH_SECRET means entering it again.

const LABEL = "sovra sso client secret v1";

function key(secret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, "", LABEL, 32));
}

/** "v1.iv.ciphertext.tag", base64url. */
export function sealSecret(plain: string, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(secret), iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), body.toString("base64url"), cipher.getAuthTag().toString("base64url")].join(".");
}

/** The plain secret, or null when it was sealed under another AUTH_SECRET or is damaged. */
export function openSecret(sealed: string, secret: string): string | null {
  const [v, iv, body, tag] = sealed.split(".");
  if (v !== "v1" || !iv || body === undefined || !tag) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key(secret), Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
