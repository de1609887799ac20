import { z } from "zod";
import { emailSchema, organisationSchema } from "@/lib/auth/schemas";
import { ROLES } from "@/lib/auth/permissions";
import { PRACTICE_ROLES } from "@/lib/auth/practice-permissions";
import { singleLineText } from "@/lib/text";
import { checkbox, optionalDate, optionalText } from "@/lib/form-fields";
import { CLIENT_TEMPLATE_KEYS } from "@/lib/practices/templates";

const version = z.coerce.number().int().positive();
const id = z.uuid({ message: "Not a valid reference" });

export const practiceSchema = z.object({
  name: z.string().trim().min(2, "Enter the practice's name").max(120, "Use at most 120 characters").superRefine(singleLineText),
});

export const updatePracticeSchema = practiceSchema.extend({ version });

/** The practice's name and logo on its client reports (decision 042); the logo file itself is checked by lib/practices/logo.ts. */
export const practiceBrandingSchema = z.object({ version, brandReports: checkbox, removeLogo: checkbox });

export const clientRoleSchema = z.enum(ROLES, { message: "Choose a role" });

export const createClientSchema = organisationSchema.extend({
  template: z.enum(CLIENT_TEMPLATE_KEYS, { message: "Choose how the client starts" }),
  role: clientRoleSchema,
});

export const clientRoleChangeSchema = z.object({ clientId: id, version, role: clientRoleSchema });
export const clientVersionSchema = z.object({ clientId: id, version });
export const deleteClientSchema = clientVersionSchema.extend({
  confirmName: z.string().trim().min(1, "Type the client's name to confirm"),
});

export const addPracticeMemberSchema = z.object({ email: emailSchema, role: z.enum(PRACTICE_ROLES, { message: "Choose a role" }) });
export const practiceMemberRoleSchema = z.object({ memberId: id, version, role: z.enum(PRACTICE_ROLES, { message: "Choose a role" }) });
export const practiceMemberVersionSchema = z.object({ memberId: id, version });

/** The next workshop with a client: a day (blank: none planned) and, optionally, what it is about. */
export const planWorkshopSchema = clientVersionSchema.extend({
  on: optionalDate,
  title: optionalText(120, "single-line"),
});

export const endEngagementSchema = z.object({ engagementId: id, version });

/** The client's owner counts the organisation in a practice's benchmark ("on") or stops counting it ("off"). */
export const benchmarkConsentSchema = endEngagementSchema.extend({
  consent: z.enum(["on", "off"], { message: "Choose whether to be counted" }).transform((v) => v === "on"),
});

export type PracticeInput = z.infer<typeof practiceSchema>;
export type CreateClientInput = z.infer<typeof createClientSchema>;
