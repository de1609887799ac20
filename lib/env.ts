import { z } from "zod";

// The environment, validated once. Server code reads `env()` instead of process.env so that a
// wrong value fails loudly with the variable's name (create-t3-app's pattern).
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
  /** Diagnostics: write a V8 CPU profile of each web process into this folder when it stops. */
  SOVRA_CPU_PROFILE_DIR: z.string().min(1).optional(),
  EMBEDDED_DB_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
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
