// Reading a CycloneDX JSON BOM for the import (decision 047): recognising one, and checking the
// shape of the parts the import reads with zod, so that a malformed BOM is refused naming the JSON
// path of each problem. Everything else in the BOM (hashes, model card details, signatures, ...)
// passes unchecked: the import does not read it. Pure.
import { z } from "zod";
import { formatPath, issuesFromZod, type Issue } from "@/scoring/schema/issues";

/** CycloneDX versions the import reads: 1.4 added services' data flows, 1.5 ML-BOMs; 1.6 and 1.7 are what Sovra writes. */
export const CYCLONEDX_IMPORT_VERSIONS = ["1.4", "1.5", "1.6", "1.7"] as const;

const propertiesSchema = z.array(z.looseObject({ name: z.string(), value: z.string().optional() })).optional();
const entitySchema = z.looseObject({ name: z.string().optional(), address: z.looseObject({ country: z.string().optional() }).optional() });
const licenseSchema = z.union([
  z.looseObject({ license: z.looseObject({ id: z.string().optional(), name: z.string().optional() }) }),
  z.looseObject({ expression: z.string() }),
]);

export interface BomProperty {
  name: string;
  value?: string | undefined;
}
export interface BomEntity {
  name?: string | undefined;
  address?: { country?: string | undefined } | undefined;
}
export type BomLicense = { license: { id?: string | undefined; name?: string | undefined } } | { expression: string };

export interface BomComponent {
  type: string;
  "bom-ref"?: string | undefined;
  name: string;
  group?: string | undefined;
  description?: string | undefined;
  supplier?: BomEntity | undefined;
  manufacturer?: BomEntity | undefined;
  publisher?: string | undefined;
  licenses?: BomLicense[] | undefined;
  externalReferences?: { type: string; url: string }[] | undefined;
  modelCard?: { properties?: BomProperty[] | undefined } | undefined;
  data?: { type?: string | undefined; name?: string | undefined; classification?: string | undefined }[] | undefined;
  properties?: BomProperty[] | undefined;
  components?: BomComponent[] | undefined;
}

export interface BomService {
  "bom-ref"?: string | undefined;
  name: string;
  provider?: BomEntity | undefined;
  "x-trust-boundary"?: boolean | undefined;
  data?: { flow?: string | undefined; classification?: string | undefined; name?: string | undefined }[] | undefined;
  properties?: BomProperty[] | undefined;
  services?: BomService[] | undefined;
}

const componentSchema: z.ZodType<BomComponent> = z.looseObject({
  type: z.string(),
  "bom-ref": z.string().optional(),
  name: z.string(),
  group: z.string().optional(),
  description: z.string().optional(),
  supplier: entitySchema.optional(),
  manufacturer: entitySchema.optional(),
  publisher: z.string().optional(),
  licenses: z.array(licenseSchema).optional(),
  externalReferences: z.array(z.looseObject({ type: z.string(), url: z.string() })).optional(),
  modelCard: z.looseObject({ properties: propertiesSchema }).optional(),
  data: z.array(z.looseObject({ type: z.string().optional(), name: z.string().optional(), classification: z.string().optional() })).optional(),
  properties: propertiesSchema,
  get components() {
    return z.array(componentSchema).optional();
  },
});

const serviceSchema: z.ZodType<BomService> = z.looseObject({
  "bom-ref": z.string().optional(),
  name: z.string(),
  provider: entitySchema.optional(),
  "x-trust-boundary": z.boolean().optional(),
  data: z.array(z.looseObject({ flow: z.string().optional(), classification: z.string().optional(), name: z.string().optional() })).optional(),
  properties: propertiesSchema,
  get services() {
    return z.array(serviceSchema).optional();
  },
});

/** The parts of a CycloneDX BOM the import reads; anything else may be there too. */
export const cycloneDxBomSchema = z.looseObject({
  bomFormat: z.literal("CycloneDX"),
  specVersion: z.enum(CYCLONEDX_IMPORT_VERSIONS, { error: `expected a CycloneDX version the import reads: ${CYCLONEDX_IMPORT_VERSIONS.join(", ")}` }),
  serialNumber: z.string().optional(),
  metadata: z.looseObject({ timestamp: z.string().optional(), component: componentSchema.optional(), properties: propertiesSchema }).optional(),
  components: z.array(componentSchema).optional(),
  services: z.array(serviceSchema).optional(),
  dependencies: z.array(z.looseObject({ ref: z.string(), dependsOn: z.array(z.string()).optional() })).optional(),
});

export type CycloneDxBomInput = z.output<typeof cycloneDxBomSchema>;

/** Whether a parsed JSON value says it is a CycloneDX BOM (`bomFormat: "CycloneDX"`), whatever its version or shape. */
export function isCycloneDxBom(value: unknown): boolean {
  return typeof value === "object" && value !== null && !Array.isArray(value) && (value as { bomFormat?: unknown }).bomFormat === "CycloneDX";
}

/** How deep components may nest in components (and services in services): far beyond any real BOM, short of a stack overflow. */
export const MAX_BOM_NESTING = 64;

/** The path of the first component or service nested deeper than MAX_BOM_NESTING, found without recursion. */
function tooDeep(bom: Record<string, unknown>): (string | number)[] | undefined {
  const stack: { node: unknown; key: "components" | "services"; path: (string | number)[] }[] = [];
  const meta = bom.metadata as { component?: unknown } | undefined;
  if (meta && typeof meta === "object" && meta.component) stack.push({ node: meta.component, key: "components", path: ["metadata", "component"] });
  for (const key of ["components", "services"] as const) {
    const list = bom[key];
    if (Array.isArray(list)) list.forEach((node, i) => stack.push({ node, key, path: [key, i] }));
  }
  while (stack.length > 0) {
    const { node, key, path } = stack.pop()!;
    const children = node && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined;
    if (!Array.isArray(children)) continue;
    if (path.filter((p) => p === key).length >= MAX_BOM_NESTING) return path;
    children.forEach((child, i) => stack.push({ node: child, key, path: [...path, key, i] }));
  }
  return undefined;
}

const looksLikeInventoryDocument = (value: unknown) => typeof value === "object" && value !== null && "schemaVersion" in value && "organisation" in value;

/**
 * Checks a parsed JSON value as a CycloneDX BOM: refuses what is not one (naming `$.bomFormat`),
 * a version the import does not read, and a BOM whose read parts are malformed (each problem at
 * its JSON path).
 *
 * @example readCycloneDxBom({ bomFormat: "CycloneDX", specVersion: "1.6", components: [] }) // { ok: true, bom: … }
 */
export function readCycloneDxBom(value: unknown): { ok: true; bom: CycloneDxBomInput } | { ok: false; issues: Issue[] } {
  if (!isCycloneDxBom(value)) {
    const found = typeof value === "object" && value !== null && !Array.isArray(value) ? (value as { bomFormat?: unknown }).bomFormat : undefined;
    const message = looksLikeInventoryDocument(value)
      ? 'this is a Sovra inventory document, not a CycloneDX BOM (expected bomFormat "CycloneDX"): import it as an inventory document'
      : found === undefined
        ? 'not a CycloneDX BOM: expected bomFormat "CycloneDX" in a JSON object'
        : `not a CycloneDX BOM: expected bomFormat "CycloneDX", found ${JSON.stringify(found)}`;
    return { ok: false, issues: [{ path: formatPath(["bomFormat"]), message }] };
  }
  const deep = tooDeep(value as Record<string, unknown>);
  if (deep) return { ok: false, issues: [{ path: formatPath(deep), message: `nested more than ${MAX_BOM_NESTING} levels deep: not read` }] };
  const parsed = cycloneDxBomSchema.safeParse(value);
  if (!parsed.success) return { ok: false, issues: issuesFromZod(parsed.error) };
  return { ok: true, bom: parsed.data };
}
