import { z } from "zod";
import { DORA_ENTRY_POINT_PATTERN } from "@/lib/exports/dora/taxonomy";

// The environment, validated once. Server code reads `env()` instead of process.env so that a
// wrong value fails loudly with the variable's name (create-t3-app's pattern).

// One DNS server: IPv4 with an optional port, [IPv6] with an optional port, or bare IPv6.
const DNS_SERVER = String.raw`(\d{1,3}(\.\d{1,3}){3}(:\d{1,5})?|\[[0-9a-f:.]+\](:\d{1,5})?|[0-9a-f]*:[0-9a-f:.]*)`;
const DNS_SERVERS_PATTERN = new RegExp(String.raw`^\s*${DNS_SERVER}\s*(,\s*${DNS_SERVER}\s*)*$`, "i");

const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL")
    .optional(),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  /** Connections per app process. `npm start` sets 1 for the embedded database (see db.ts). */
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** Web server processes sharing the port (lib/runtime/web-server.ts); unset: one per core, at most 4, and 1 on the embedded database. */
  SOVRA_WEB_WORKERS: z.coerce.number().int().min(1).max(32).optional(),
  SOVRA_DATA_DIR: z.string().min(1).default(".data"),
  /** Board reports of up to this many AI systems print as one document; larger ones in parts (docs/decisions/024). */
  SOVRA_REPORT_SINGLE_DOCUMENT_MAX_SYSTEMS: z.coerce.number().int().min(0).max(100_000).default(45),
  /** AI systems per printed slice of a large board report's Appendix B. */
  SOVRA_REPORT_SYSTEMS_PER_PART: z.coerce.number().int().min(1).max(5_000).default(80),
  /**
   * How long one attempt at a board report may run before the queue takes it back and another
   * process retries it: also how long a report waits when the process printing it is killed
   * (plus up to 30 s for the queue's maintenance to notice; docs/decisions/055).
   */
  SOVRA_REPORT_ATTEMPT_TIMEOUT_SECONDS: z.coerce.number().int().min(10).max(3_600).default(300),
  /** Chromium's sandbox for the board report: auto (on unless Sovra runs as root or the system cannot), on, off (lib/runtime/chromium.ts, docs/decisions/032). */
  SOVRA_CHROMIUM_SANDBOX: z.enum(["auto", "on", "off"]).default("auto"),
  /** Inventory imports (previews included) that run at once in one web process; more are answered "busy, try again" (docs/decisions/031). */
  SOVRA_IMPORT_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(2),
  /** The taxonomy entry point a DORA report package's report.json extends; unset: the EBA's DORA 4.0 module (lib/exports/dora/taxonomy.ts, docs/decisions/045). */
  SOVRA_DORA_TAXONOMY_ENTRY_POINT: z.string().regex(DORA_ENTRY_POINT_PATTERN, "must be the URL of an EBA DORA taxonomy module (http(s)://…/mod/dora.json)").optional(),
  /** Diagnostics: write a V8 CPU profile of each web process into this folder when it stops. */
  SOVRA_CPU_PROFILE_DIR: z.string().min(1).optional(),
  EMBEDDED_DB_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  /**
   * Reverse proxies in front of Sovra that append to X-Forwarded-For (docs/decisions/028). 0: the
   * client is the socket's peer and forwarding headers are ignored (a client could forge them).
   */
  SOVRA_TRUSTED_PROXIES: z.coerce.number().int().min(0).max(10).default(0),
  /** Mail for password reset links: smtp(s)://user:password@host:port. Unset: links are only shown to the owner. */
  SOVRA_SMTP_URL: z.string().regex(/^smtps?:\/\/[^\s]+$/, "must be an smtp:// or smtps:// URL").optional(),
  /** Sender of Sovra's mails, e.g. "Sovra <sovra@example.com>". */
  SOVRA_MAIL_FROM: z.string().min(3).max(200).optional(),
  /** Sovra's address as users reach it (https://sovra.example.com), for links in mails; never taken from a request. */
  SOVRA_PUBLIC_URL: z.url({ protocol: /^https?$/, message: "must be an http(s):// URL" }).optional(),
  // ---- single sign-on for the whole instance (decision 049; README's table) ----
  /** An OIDC issuer (discovery at {issuer}/.well-known/openid-configuration) that signs in everyone on SOVRA_SSO_DOMAINS. */
  SOVRA_OIDC_ISSUER: z.url({ protocol: /^https?$/, message: "must be the issuer's http(s):// URL" }).optional(),
  SOVRA_OIDC_CLIENT_ID: z.string().min(1).max(500).optional(),
  SOVRA_OIDC_CLIENT_SECRET: z.string().min(1).max(2000).optional(),
  /** A SAML 2.0 IdP for the whole instance, by its metadata: a URL, or a file on this server. */
  SOVRA_SAML_IDP_METADATA_URL: z.url({ protocol: /^https?$/, message: "must be an http(s):// URL" }).optional(),
  SOVRA_SAML_IDP_METADATA_FILE: z.string().min(1).optional(),
  /** What the sign-in button says. */
  SOVRA_SSO_NAME: z.string().min(1).max(80).default("Single sign-on"),
  /** The organisation (its slug, as in its URLs) people signed in by the instance connection join. */
  SOVRA_SSO_ORGANISATION: z.string().regex(/^[a-z0-9-]+$/, "must be an organisation's slug (lower case, digits, hyphens)").optional(),
  /** Email domains sent to the instance connection, comma-separated; unset: every email no organisation's own connection claims. */
  SOVRA_SSO_DOMAINS: z.string().regex(/^\s*[a-z0-9.-]+\.[a-z]{2,}\s*(,\s*[a-z0-9.-]+\.[a-z]{2,}\s*)*$/i, "must be domains separated by commas (example.com,example.org)").optional(),
  /** The claim or attribute that lists a person's groups. */
  SOVRA_SSO_GROUPS_ATTRIBUTE: z.string().min(1).max(300).default("groups"),
  /** Group-to-role mapping: group=role pairs separated by commas (sovra-owners=owner,sovra-risk=analyst). */
  SOVRA_SSO_GROUP_ROLES: z.string().regex(/^\s*[^=,]+=(owner|editor|analyst|viewer)\s*(,\s*[^=,]+=(owner|editor|analyst|viewer)\s*)*$/, "must be group=role pairs separated by commas; roles: owner, editor, analyst, viewer").optional(),
  /** The role of a person none of whose groups is mapped; none: refused. */
  SOVRA_SSO_DEFAULT_ROLE: z.enum(["owner", "editor", "analyst", "viewer", "none"]).default("none"),
  /**
   * DNS servers for verifying an organisation's email domains (TXT records), comma-separated
   * addresses with an optional port (10.0.0.53, 127.0.0.1:5353, [::1]:53); unset: the system's.
   */
  SOVRA_DNS_SERVERS: z
    .string()
    .regex(DNS_SERVERS_PATTERN, "must be IP addresses with an optional port, separated by commas (127.0.0.1:5353,[::1]:53)")
    .optional(),
  // ---- observability (decision 050; docs/OPERATIONS.md) ----
  /** Bearer token for GET /api/metrics (Prometheus). Unset: the endpoint answers 404. */
  SOVRA_METRICS_TOKEN: z.string().min(16, "must be at least 16 characters (openssl rand -hex 32)").max(500).regex(/^\S+$/, "must not contain spaces").optional(),
  /** Log lines as JSON (one object a line) or text (`time level msg key=value`); unset: JSON in production, text otherwise (lib/log.ts). */
  SOVRA_LOG_FORMAT: z.enum(["json", "text"]).optional(),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
}).superRefine((v, ctx) => {
  const oidc = [v.SOVRA_OIDC_ISSUER, v.SOVRA_OIDC_CLIENT_ID, v.SOVRA_OIDC_CLIENT_SECRET];
  if (oidc.some(Boolean) && !oidc.every(Boolean)) {
    ctx.addIssue({ code: "custom", path: ["SOVRA_OIDC_ISSUER"], message: "SOVRA_OIDC_ISSUER, SOVRA_OIDC_CLIENT_ID and SOVRA_OIDC_CLIENT_SECRET go together" });
  }
  const saml = Boolean(v.SOVRA_SAML_IDP_METADATA_URL || v.SOVRA_SAML_IDP_METADATA_FILE);
  if (v.SOVRA_SAML_IDP_METADATA_URL && v.SOVRA_SAML_IDP_METADATA_FILE) {
    ctx.addIssue({ code: "custom", path: ["SOVRA_SAML_IDP_METADATA_FILE"], message: "set SOVRA_SAML_IDP_METADATA_URL or SOVRA_SAML_IDP_METADATA_FILE, not both" });
  }
  if (saml && v.SOVRA_OIDC_ISSUER) {
    ctx.addIssue({ code: "custom", path: ["SOVRA_SAML_IDP_METADATA_URL"], message: "the instance has one identity provider: OIDC or SAML, not both" });
  }
  if ((saml || v.SOVRA_OIDC_ISSUER) && !v.SOVRA_SSO_ORGANISATION) {
    ctx.addIssue({ code: "custom", path: ["SOVRA_SSO_ORGANISATION"], message: "must be set with an instance identity provider: the organisation its people join" });
  }
  if (!v.SOVRA_SMTP_URL) return;
  if (!v.SOVRA_MAIL_FROM) ctx.addIssue({ code: "custom", path: ["SOVRA_MAIL_FROM"], message: "must be set when SOVRA_SMTP_URL is set" });
  if (!v.SOVRA_PUBLIC_URL) ctx.addIssue({ code: "custom", path: ["SOVRA_PUBLIC_URL"], message: "must be set when SOVRA_SMTP_URL is set (links in mails)" });
});

export type Env = z.infer<typeof envSchema>;

/** Parses an environment (process.env by default); throws one message naming every bad variable. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ""));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment: ${lines.join("; ")}`);
  }
  return parsed.data;
}

let cached: Env | undefined;
export function env(): Env {
  return (cached ??= parseEnv());
}
