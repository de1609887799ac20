import { z } from "zod";
import { responseComponents } from "@/lib/api/schemas";
import { ROLES } from "@/lib/auth/permissions";
import { PRACTICE_ROLES } from "@/lib/auth/practice-permissions";
import { K_ANONYMITY, SIZE_BANDS } from "@/lib/practices/benchmark";
import { RATINGS } from "@/scoring/ratings";
import { DIMENSIONS } from "@/scoring/options";

// The practice's endpoints of the public API (decision 043): read-only, what the portfolio, a
// client's page and the benchmark show a practice member. Nothing here reaches inside a client
// beyond what the portfolio shows; a client's own data is under /api/v1/orgs/{org} for whoever
// the client lets in.

const iso = z.iso.datetime().meta({ description: "ISO 8601 (UTC)" });
const day = z.iso.date().meta({ description: "A calendar day, YYYY-MM-DD" });

export const practiceParamsSchema = z.object({ practice: z.string().min(1).meta({ description: "The practice's slug, as in the app's URLs (/practices/{practice})" }) });
export const practiceClientParamsSchema = practiceParamsSchema.extend({ id: z.uuid().meta({ description: "The client's id in the practice (the engagement's id, as in /practices/{practice}/clients/{id})" }) });

export const practiceClientsQuerySchema = z.strictObject({
  archived: z
    .enum(["true", "false"], { message: "Send archived=true or archived=false" })
    .optional()
    .transform((v) => v === "true")
    .meta({ description: "true: the archived clients instead (default false)" }),
});

export const practiceSchema = z
  .object({
    slug: z.string(),
    name: z.string(),
    role: z.enum(PRACTICE_ROLES).meta({ description: "The caller's role in the practice (for a token: its creator's role now)" }),
    brandReports: z.boolean().meta({ description: "Whether reports members produce for clients carry the practice's name and logo" }),
    members: z.array(z.object({ name: z.string(), role: z.enum(PRACTICE_ROLES), since: iso })).meta({ description: "Partners first, then by when they joined" }),
    clients: z.object({ active: z.number().int().min(0), archived: z.number().int().min(0) }),
  })
  .register(responseComponents, { id: "Practice" });

const organisationRef = z.object({ slug: z.string().meta({ description: "The client's slug: /api/v1/orgs/{slug} for whoever the client lets in" }), name: z.string() });
const nextWorkshop = z.object({ on: day, title: z.string().nullable() }).nullable().meta({ description: "The next workshop the practice plans with the client; null: none planned" });

export const practiceClientSchema = z
  .object({
    id: z.uuid().meta({ description: "The client's id in the practice" }),
    organisation: organisationRef,
    sector: z.string(),
    hqCountry: z.string().length(2),
    role: z.enum(ROLES).meta({ description: "The role with which the practice's members work in the client" }),
    since: iso,
    archivedAt: iso.nullable(),
    nextWorkshop,
    benchmarkConsent: z.boolean().meta({ description: "Whether the client's owner agreed to be counted, anonymised, in the practice's benchmark" }),
    version: z.number().int().positive(),
  })
  .register(responseComponents, { id: "PracticeClient" });

export const practiceClientListSchema = z.object({ items: z.array(practiceClientSchema).meta({ description: "By name" }) }).register(responseComponents, { id: "PracticeClientList" });

export const portfolioItemSchema = z
  .object({
    id: z.uuid().meta({ description: "The client's id in the practice" }),
    organisation: organisationRef,
    sector: z.string(),
    role: z.enum(ROLES),
    aiSystems: z.number().int().min(0),
    score: z.number().min(0).max(100).nullable().meta({ description: "The live sovereignty score today; null when there is none (see unscored)" }),
    rating: z.enum(RATINGS).nullable(),
    unscored: z.string().nullable().meta({ description: "Why there is no score, in words" }),
    lastAssessment: z.object({ asOf: iso, score: z.number(), rating: z.string() }).nullable().meta({ description: "The last frozen assessment" }),
    trend: z.number().nullable().meta({ description: "The live score minus the last assessment's (null when either is missing)" }),
    restrictions: z.array(z.string()).meta({ description: "Titles of the restrictions in force today that reach the client" }),
    overdueActions: z.number().int().min(0),
    openActions: z.number().int().min(0),
    nextWorkshop,
  })
  .register(responseComponents, { id: "PortfolioItem" });

export const portfolioSchema = z
  .object({ asOf: day.meta({ description: "The day the live scores are computed for (today, UTC)" }), items: z.array(portfolioItemSchema).meta({ description: "Every client not archived, by name" }) })
  .register(responseComponents, { id: "Portfolio" });

const quartiles = z.object({ q1: z.number(), median: z.number(), q3: z.number() });
const dimensionRecord = <T extends z.ZodType>(value: T) => z.object(Object.fromEntries(DIMENSIONS.map((d) => [d, value])) as Record<(typeof DIMENSIONS)[number], T>);
const cohortKind = z.enum(["all", "sector", "size"]);

const shownCohort = z.object({
  kind: cohortKind,
  label: z.string(),
  status: z.literal("shown"),
  n: z.number().int().min(K_ANONYMITY).meta({ description: `Clients counted (never fewer than ${K_ANONYMITY})` }),
  score: quartiles,
  ratings: z.object(Object.fromEntries(RATINGS.map((r) => [r, z.number().int().min(0)])) as Record<(typeof RATINGS)[number], z.ZodNumber>),
  dimensions: dimensionRecord(quartiles),
  standing: z
    .object({ percentile: z.number().min(0).max(100), scoreVsMedian: z.number(), dimensions: dimensionRecord(z.object({ percentile: z.number().min(0).max(100), vsMedian: z.number() })) })
    .nullable()
    .meta({ description: "Where the client stands against the cohort's other clients; null when it has no score of this methodology version" }),
});
const withheldCohort = z.object({
  kind: cohortKind,
  label: z.string(),
  status: z.literal("withheld"),
  reason: z.enum(["fewer-than-k", "rest-fewer-than-k", "no-size-band"]).meta({ description: `fewer-than-k: under ${K_ANONYMITY} clients; rest-fewer-than-k: the rest of the practice would be under ${K_ANONYMITY} and could be worked out; no-size-band: the client's offices record no headcount` }),
});

export const practiceBenchmarkSchema = z
  .object({
    client: z.object({
      id: z.uuid(),
      name: z.string(),
      sector: z.string(),
      headcount: z.number().int().min(0),
      sizeBand: z.enum(SIZE_BANDS.map((b) => b.key) as [string, ...string[]]).nullable(),
      consentedAt: iso.nullable().meta({ description: "When its owner agreed to be counted; null: not counted (it still sees where it stands)" }),
      score: z.number().nullable(),
      rating: z.enum(RATINGS).nullable(),
      dimensions: dimensionRecord(z.number()).nullable(),
      unscored: z.string().nullable(),
    }),
    k: z.number().int().meta({ description: "A figure is shown only from at least this many clients" }),
    methodologyVersion: z.string().meta({ description: "Every figure was scored with this methodology version" }),
    cohorts: z.array(z.discriminatedUnion("status", [shownCohort, withheldCohort])).length(3).meta({ description: "All clients, the client's sector, its size band: never a client's name" }),
  })
  .register(responseComponents, { id: "PracticeBenchmark" });
