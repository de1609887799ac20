import type { PracticeOperation } from "@/lib/api/operations";
import { noQuerySchema } from "@/lib/api/schemas";
import { portfolioSchema, practiceBenchmarkSchema, practiceClientListSchema, practiceClientParamsSchema, practiceClientsQuerySchema, practiceParamsSchema, practiceSchema } from "@/lib/api/practice-schemas";

// The practice's endpoints (decision 043): read-only, for a practice API token or the session of a
// member of the practice. Every member of a practice reads them (practice:read), as in the app.

const define = <const O extends PracticeOperation>(operation: O): O => operation;
const PRACTICE = "/api/v1/practices/{practice}";
const TAG = "Practices";

export const getPracticeOperation = define({
  scope: "practice",
  operationId: "getPractice",
  method: "GET",
  path: PRACTICE,
  tag: TAG,
  summary: "Get the practice",
  description: "The practice's name, its members and their practice roles, how many clients it has, and the caller's role. Query parameters are refused (422).",
  permission: "practice:read",
  params: practiceParamsSchema,
  query: noQuerySchema,
  notFound: "Practice",
  success: { status: 200, description: "The practice", schema: practiceSchema },
});

export const listPracticeClientsOperation = define({
  scope: "practice",
  operationId: "listPracticeClients",
  method: "GET",
  path: `${PRACTICE}/clients`,
  tag: TAG,
  summary: "List the practice's clients",
  description: "Every client of the practice by name: the organisation, the role the practice works with there, since when, the next workshop, and whether the client agreed to the benchmark. `?archived=true` lists the archived clients instead.",
  permission: "practice:read",
  params: practiceParamsSchema,
  query: practiceClientsQuerySchema,
  notFound: "Practice",
  success: { status: 200, description: "The clients", schema: practiceClientListSchema },
});

export const getPortfolioOperation = define({
  scope: "practice",
  operationId: "getPortfolio",
  method: "GET",
  path: `${PRACTICE}/portfolio`,
  tag: TAG,
  summary: "The portfolio",
  description:
    "Every client not archived, as the portfolio shows it: the live score and rating today, the trend since the last assessment, the restrictions in force that reach it, open and overdue remediation actions, and the next workshop. Scored as the practice sees each client (with the engagement's role). Query parameters are refused (422).",
  permission: "practice:read",
  params: practiceParamsSchema,
  query: noQuerySchema,
  notFound: "Practice",
  success: { status: 200, description: "The portfolio", schema: portfolioSchema },
});

export const getClientBenchmarkOperation = define({
  scope: "practice",
  operationId: "getClientBenchmark",
  method: "GET",
  path: `${PRACTICE}/clients/{id}/benchmark`,
  tag: TAG,
  summary: "Where a client stands in the benchmark",
  description:
    "The client's score and dimensions against the practice's clients that agreed to be counted: all of them, its sector, its size band. A cohort's figures appear only when at least `k` (5) clients scored with the same methodology version are in it, and never a client's name; otherwise the cohort says why it is withheld. A client that withdrew is out at once. An archived client, or another practice's: 404. Query parameters are refused (422).",
  permission: "practice:read",
  params: practiceClientParamsSchema,
  query: noQuerySchema,
  notFound: "Client",
  success: { status: 200, description: "The benchmark", schema: practiceBenchmarkSchema },
});

export const PRACTICE_OPERATIONS = [getPracticeOperation, listPracticeClientsOperation, getPortfolioOperation, getClientBenchmarkOperation] as const;
