import { buildOpenApiDocument } from "@/lib/api/openapi";

// The same for every caller and built from code only: rendered once at build time.
export const dynamic = "force-static";

/** The OpenAPI 3.1 description of /api/v1, open to anyone (it describes, it reveals no data). */
export function GET() {
  return Response.json(buildOpenApiDocument());
}
