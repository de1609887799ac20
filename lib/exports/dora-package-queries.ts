import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record";
import type { OrgContext } from "@/lib/auth/org-context";
import { getExportSource, type ExportFile } from "./queries";
import type { DoraEntity } from "./dora/build";
import { buildDoraPackage, zipDoraPackage } from "./dora/package";
import type { DoraPackageQuery } from "./dora/package-options";
import { DORA_TAXONOMY_ENTRY_POINT } from "./dora/taxonomy";
import { checkDoraPackage, type DoraCheck } from "./dora/validate";

// The DORA Register of Information report package of a frozen assessment (decision 045): built,
// then checked as a supervisor's intake would. The checks are offered on their own so the Reports
// page can list every failed rule before anyone downloads; the download itself is refused (409,
// like "no assessment yet": the organisation's data must change, not the request) while a rule
// that makes the package malformed fails, above all a missing or invalid LEI. Mandatory cells
// Sovra cannot fill (providers' LEIs, contract dates, costs) do not refuse it: they are listed as
// what to complete before filing, as the gaps of the CSV exports are.

export interface DoraPackageChecks {
  assessmentId: string;
  /** The reference date used (the assessment's date unless one was given). */
  refDate: string;
  /** The zip's name if downloaded now (its timestamp is the download's); null while the download is refused. */
  fileName: string | null;
  /** No check that refuses the download fails. */
  downloadable: boolean;
  /** No check fails at all: nothing is left to complete. */
  complete: boolean;
  checks: DoraCheck[];
}

const taxonomyEntryPoint = () => env().SOVRA_DORA_TAXONOMY_ENTRY_POINT ?? DORA_TAXONOMY_ENTRY_POINT;

async function preparePackage(ctx: OrgContext, query: DoraPackageQuery, createdAt: Date) {
  const source = await getExportSource(ctx, query.assessmentId); // checks reports:export
  const organisation = await db().organisation.findUniqueOrThrow({ where: { id: ctx.organisationId }, select: { lei: true, name: true, hqCountry: true } });
  const entity: DoraEntity = {
    lei: organisation.lei?.trim() ?? "",
    name: organisation.name,
    country: organisation.hqCountry,
    entityType: query.entityType,
    competentAuthority: query.competentAuthority,
    reportingDate: createdAt.toISOString().slice(0, 10),
  };
  const options = { refDate: query.refDate ?? source.asOf, consolidation: query.consolidation, currency: query.currency };
  const pkg = buildDoraPackage(source, entity, options, { entryPoint: taxonomyEntryPoint(), createdAt });
  return { source, pkg, options, checks: checkDoraPackage(pkg) };
}

const blocking = (checks: readonly DoraCheck[]) => checks.filter((c) => c.blocksDownload && !c.passed);

/** The package's checks, rule by rule, for the chosen assessment (the latest by default) and options. */
export async function getDoraPackageChecks(ctx: OrgContext, query: DoraPackageQuery): Promise<DoraPackageChecks> {
  const { source, pkg, options, checks } = await preparePackage(ctx, query, new Date());
  const downloadable = blocking(checks).length === 0;
  return { assessmentId: source.id, refDate: options.refDate, fileName: downloadable ? pkg.fileName : null, downloadable, complete: checks.every((c) => c.passed), checks };
}

/** The package as a zip; CONFLICT listing every failed rule that makes it malformed (a missing LEI above all). */
export async function exportDoraPackage(ctx: OrgContext, query: DoraPackageQuery): Promise<ExportFile> {
  const createdAt = new Date();
  const { source, pkg, checks } = await preparePackage(ctx, query, createdAt);
  const failed = blocking(checks);
  if (failed.length > 0) {
    const failures = failed.flatMap((c) => c.failures);
    throw new AppError("CONFLICT", `The DORA package cannot be made until ${failures.length === 1 ? "this is" : `these ${failures.length} problems are`} fixed: ${failures.join(" ")}`);
  }
  const file: ExportFile = { fileName: pkg.fileName, contentType: "application/zip", body: zipDoraPackage(pkg, createdAt) };
  await recordAudit(db(), ctx, { action: "export", entityType: "assessment", entityId: source.id, after: { file: file.fileName, bytes: file.body.byteLength } });
  return file;
}
