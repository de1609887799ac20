import type { Operation } from "@/lib/api/operations";
import { orgParamsSchema } from "@/lib/api/schemas";
import { registrationPackQuerySchema } from "@/lib/ai-act-registrations/schemas";

// The EU AI Act registration pack in the public API (decision 046), appended to EXPORT_OPERATIONS
// (lib/api/export-operations.ts). Unlike the registers it is not built from an assessment: it is
// the registrations as they stand, as the AI systems' pages show them.

const define = <const O extends Operation>(operation: O): O => operation;
const ORG = "/api/v1/orgs/{org}";
const ANNEX_VIII_C =
  "the deployer's name, address and contact details (C.1), those of the person submitting on its behalf (C.2), the URL of the provider's entry in the EU database (C.3), a summary of the fundamental rights impact assessment's findings (C.4) and of the data protection impact assessment, or that none applies (C.5)";

export const exportAiActRegistrationsCsvOperation = define({
  operationId: "exportAiActRegistrationsCsv",
  method: "GET",
  path: `${ORG}/exports/ai-act-registrations.csv`,
  tag: "Exports",
  summary: "The EU AI Act registration pack as CSV",
  description: `One row per AI system with a registration of its use under Art. 49(3) (deployers that are public authorities or act on their behalf): the AI system, the Annex III area in words, every Annex VIII Section C field (${ANNEX_VIII_C}), and what is still missing in words. CSV, UTF-8 with BOM. The registrations as they stand today, not an assessment. Decision 046.`,
  permission: "reports:export",
  params: orgParamsSchema,
  notFound: "Organisation",
  success: { status: 200, description: "The CSV file", mediaType: "text/csv", headers: { "content-disposition": "attachment; filename=… (organisation, date, ai-act-registration-pack.csv)" } },
});

export const exportAiActRegistrationsPdfOperation = define({
  operationId: "exportAiActRegistrationsPdf",
  method: "GET",
  path: `${ORG}/exports/ai-act-registrations.pdf`,
  tag: "Exports",
  summary: "The EU AI Act registration pack as filled forms (PDF)",
  description: `One filled Annex VIII Section C form per registered AI system (or one system's with \`?aiSystemId=\`): the five items under their legal wording with the answers (${ANNEX_VIII_C}), what is missing highlighted. Printed by the server's Chromium while the request waits (a few seconds). 404 when the AI system has no registration; 409 when no AI system has one yet, or when the server has no Chromium to print with (the message says what to install). Decision 046.`,
  permission: "reports:export",
  params: orgParamsSchema,
  query: registrationPackQuerySchema,
  notFound: "EU AI Act registration",
  success: { status: 200, description: "The PDF", mediaType: "application/pdf", headers: { "content-disposition": "attachment; filename=… (organisation, date, ai-act-registration-pack.pdf or the AI system's name)" } },
  errors: ["CONFLICT"],
});

export const AI_ACT_REGISTRATION_EXPORT_OPERATIONS = [exportAiActRegistrationsCsvOperation, exportAiActRegistrationsPdfOperation] as const;
