"use client";
import { useEffect, useId, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { formatBytes, IMPORT_LIMITS } from "@/lib/inventory/file-limits";
import type { BomSummary, EntityCounts, ImportSummary } from "@/lib/inventory/import-file";
import type { BomMappingEntry } from "@/lib/inventory/cyclonedx-import";
import type { ImportEntityType } from "@/lib/inventory/import-plan";
import { TABLE_ENTITIES, TABLE_TITLES, type TableEntity } from "@/lib/inventory/table-names";

// Import and export of inventory files. Uploads go by XMLHttpRequest to a route handler so the
// upload's progress is real; once the bytes are sent, the server's checking is shown as time
// elapsed (it reports nothing until it is done). Nothing is kept on the server between preview
// and confirm: confirming sends the same file again with the preview's SHA-256.

const ENTITY_LABELS: Record<ImportEntityType, string> = {
  office: "Offices",
  vendor: "Vendors",
  model: "Models",
  ai_system: "AI systems",
  dependency: "Dependencies",
  fallback: "Fallbacks",
  data_flow: "Data flows",
  policy_event: "Policy events",
};

type Intent = "preview" | "apply";
type Phase =
  | { kind: "idle" }
  | { kind: "uploading"; intent: Intent; loaded: number; total: number }
  | { kind: "checking"; intent: Intent; since: number }
  | { kind: "preview"; summary: ImportSummary }
  | { kind: "imported"; summary: ImportSummary }
  | { kind: "failed"; message: string; busy?: boolean };

/** Sends the form, reporting upload progress; resolves with the HTTP status and the JSON answer. */
function upload(url: string, form: FormData, onProgress: (loaded: number, total: number) => void, onSent: () => void): Promise<{ ok: boolean; status: number; body: unknown }> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.responseType = "json";
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded, e.total);
    xhr.upload.onload = onSent;
    xhr.onload = () => resolve({ ok: xhr.status >= 200 && xhr.status < 300, status: xhr.status, body: xhr.response as unknown });
    xhr.onerror = () => resolve({ ok: false, status: 0, body: { message: "The upload failed: the connection was interrupted. Nothing was imported." } });
    xhr.send(form);
  });
}

const isCsv = (file: File | null) => !!file && /\.(csv|tsv)$/i.test(file.name);

export function InventoryFiles({ orgSlug, canImport }: { orgSlug: string; canImport: boolean }) {
  const [file, setFile] = useState<File | null>(null);
  // "": the header row says which table a CSV file holds (a header row that fits none is refused).
  const [entity, setEntity] = useState<TableEntity | "">("");
  const [csvEntity, setCsvEntity] = useState<TableEntity>("vendors");
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const fileId = useId();
  const entityId = useId();
  const busy = phase.kind === "uploading" || phase.kind === "checking";

  async function send(intent: Intent, sha256?: string) {
    if (!file) return;
    // The server refuses it too (413); saying so here saves sending it.
    if (file.size > IMPORT_LIMITS.maxUploadBytes) {
      return setPhase({ kind: "failed", message: `${file.name} is ${formatBytes(file.size)}; at most ${formatBytes(IMPORT_LIMITS.maxUploadBytes)} can be imported at once. Nothing was imported.` });
    }
    const form = new FormData();
    form.set("file", file);
    form.set("intent", intent);
    if (isCsv(file) && entity) form.set("entity", entity);
    if (sha256) form.set("sha256", sha256);
    setPhase({ kind: "uploading", intent, loaded: 0, total: file.size });
    const { ok, status, body } = await upload(
      `/${orgSlug}/inventory/import/upload`,
      form,
      (loaded, total) => setPhase({ kind: "uploading", intent, loaded, total }),
      () => setPhase({ kind: "checking", intent, since: Date.now() }),
    );
    if (!ok) return setPhase({ kind: "failed", busy: status === 429, message: (body as { message?: string } | null)?.message ?? "The server did not answer. Nothing was imported." });
    const summary = body as ImportSummary;
    setPhase(summary.applied ? { kind: "imported", summary } : { kind: "preview", summary });
  }

  const base = `/${orgSlug}/inventory/export`;
  return (
    <div className="space-y-6">
      {canImport ? (
      <Card aria-labelledby="import-heading">
        <h2 id="import-heading" className="text-lg font-semibold text-slate-900">Import</h2>
        <p className="mt-1 text-sm text-slate-600">
          The inventory document (JSON), one CSV file per table, an XLSX workbook with one sheet per table, or a CycloneDX 1.4–1.7 BOM in JSON (an AI-BOM such as
          Sovra&apos;s own export), up to {formatBytes(IMPORT_LIMITS.maxUploadBytes)} and {IMPORT_LIMITS.maxRows.toLocaleString("en")} rows. Rows are matched by name:
          importing the same file twice changes nothing the second time, and rows not in the file are kept. You see what would change, and for a BOM what it could not
          map, before anything is saved.
        </p>
        <form
          className="mt-4 flex flex-wrap items-end gap-4"
          onSubmit={(e) => {
            e.preventDefault();
            void send("preview");
          }}
        >
          <div>
            <label htmlFor={fileId} className="block text-sm font-medium text-slate-700">
              File to import
            </label>
            <input
              id={fileId}
              type="file"
              accept=".json,.csv,.tsv,.xlsx,application/json,application/vnd.cyclonedx+json,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              className="mt-1 block text-sm"
              disabled={busy}
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null);
                setPhase({ kind: "idle" });
              }}
            />
          </div>
          {isCsv(file) && (
            <div>
              <label htmlFor={entityId} className="block text-sm font-medium text-slate-700">
                Table in the CSV file
              </label>
              <select id={entityId} value={entity} disabled={busy} onChange={(e) => setEntity(e.target.value as TableEntity | "")} className="mt-1 rounded-md border-slate-300 text-sm">
                <option value="">Recognised from its header row</option>
                {TABLE_ENTITIES.map((t) => (
                  <option key={t} value={t}>
                    {TABLE_TITLES[t]}
                  </option>
                ))}
              </select>
            </div>
          )}
          <button type="submit" className={buttonClass("primary")} disabled={!file || busy}>
            Check file
          </button>
        </form>
        <Progress phase={phase} />
        {phase.kind === "failed" && (
          <Alert tone={phase.busy ? "info" : "error"} className="mt-4" title={phase.busy ? "The server is busy with other imports" : "The file could not be checked"}>
            {phase.message}
          </Alert>
        )}
        {phase.kind === "preview" && <Preview summary={phase.summary} onConfirm={() => void send("apply", phase.summary.sha256)} />}
        {phase.kind === "imported" && <Imported summary={phase.summary} orgSlug={orgSlug} />}
      </Card>
      ) : (
        <Card aria-labelledby="import-heading">
          <h2 id="import-heading" className="text-lg font-semibold text-slate-900">Import</h2>
          <p className="mt-1 text-sm text-slate-600">Importing changes the inventory, so editors and owners of the organisation do it. You can export the inventory below.</p>
        </Card>
      )}

      <Card aria-labelledby="export-heading">
        <h2 id="export-heading" className="text-lg font-semibold text-slate-900">Export</h2>
        <p className="mt-1 text-sm text-slate-600">
          The whole inventory in the same formats. Spreadsheet cells are plain values: text that a spreadsheet would run as a formula is prefixed with an apostrophe, which
          the import removes again.
        </p>
        <div className="mt-4 flex flex-wrap items-end gap-3">
          <a href={`${base}/xlsx`} className={buttonClass("secondary")} download>
            Download workbook (XLSX)
          </a>
          <a href={`${base}/json`} className={buttonClass("secondary")} download>
            Download document (JSON)
          </a>
          <a href={`${base}/template`} className={buttonClass("secondary")} download>
            Download empty template (XLSX)
          </a>
          <span className="flex items-end gap-2">
            <label className="text-sm text-slate-700">
              <span className="block font-medium">CSV table</span>
              <select value={csvEntity} onChange={(e) => setCsvEntity(e.target.value as TableEntity)} className="mt-1 rounded-md border-slate-300 text-sm">
                {TABLE_ENTITIES.map((t) => (
                  <option key={t} value={t}>
                    {TABLE_TITLES[t]}
                  </option>
                ))}
              </select>
            </label>
            <a href={`${base}/csv?entity=${csvEntity}`} className={buttonClass("secondary")} download>
              Download CSV
            </a>
          </span>
        </div>
      </Card>
    </div>
  );
}

function Progress({ phase }: { phase: Phase }) {
  const [now, setNow] = useState(() => Date.now());
  const checking = phase.kind === "checking";
  useEffect(() => {
    if (!checking) return;
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [checking]);
  if (phase.kind === "uploading") {
    const percent = phase.total ? Math.round((phase.loaded / phase.total) * 100) : 0;
    return (
      <div role="status" className="mt-4 text-sm text-slate-700">
        <progress max={100} value={percent} className="w-64" aria-label="Upload progress" /> Uploading: {formatBytes(phase.loaded)} of {formatBytes(phase.total)} ({percent}%)
      </div>
    );
  }
  if (phase.kind === "checking") {
    return (
      <div role="status" className="mt-4 text-sm text-slate-700">
        <progress className="w-64" aria-label={phase.intent === "apply" ? "Importing" : "Checking"} />{" "}
        {phase.intent === "apply" ? "Importing in one transaction" : "Reading and checking every row"}… {Math.max(0, Math.round((now - phase.since) / 1000))} s
      </div>
    );
  }
  return null;
}

function CountsTable({ counts, caption }: { counts: Record<ImportEntityType, EntityCounts>; caption: string }) {
  const rows = (Object.keys(ENTITY_LABELS) as ImportEntityType[]).filter((t) => counts[t].create + counts[t].update + counts[t].unchanged > 0);
  if (rows.length === 0) return <p className="mt-3 text-sm text-slate-600">The file holds no rows.</p>;
  return (
    <table className="mt-3 w-full max-w-sm text-sm">
      <caption className="text-left font-medium text-slate-800">{caption}</caption>
      <thead>
        <tr className="border-b border-slate-200 text-left text-slate-600">
          <th className="py-1 pr-4 font-medium">Table</th>
          <th className="py-1 pr-4 text-right font-medium">New</th>
          <th className="py-1 pr-4 text-right font-medium">Changed</th>
          <th className="py-1 text-right font-medium">Unchanged</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((t) => (
          <tr key={t} className="border-b border-slate-100">
            <th scope="row" className="py-1 pr-4 text-left font-normal">
              {ENTITY_LABELS[t]}
            </th>
            <td className="py-1 pr-4 text-right tabular-nums">{counts[t].create}</td>
            <td className="py-1 pr-4 text-right tabular-nums">{counts[t].update}</td>
            <td className="py-1 text-right tabular-nums">{counts[t].unchanged}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Preview({ summary, onConfirm }: { summary: ImportSummary; onConfirm: () => void }) {
  const blocked = summary.errorCount > 0;
  const nothing = summary.totals.create + summary.totals.update === 0;
  return (
    <section aria-labelledby="preview-heading" className="mt-6 border-t border-slate-200 pt-4">
      <h3 id="preview-heading" className="font-semibold text-slate-900">
        Preview of {summary.fileName} ({formatBytes(summary.bytes)})
      </h3>
      {blocked ? (
        <Alert tone="error" className="mt-3" title={`The file has ${summary.errorCount} problem${summary.errorCount === 1 ? "" : "s"}; nothing can be imported`}>
          Fix them in the file and check it again. A file with errors changes nothing.
        </Alert>
      ) : nothing ? (
        <Alert tone="info" className="mt-3">
          {summary.bom && summary.totals.unchanged === 0
            ? "Nothing in this BOM maps to the inventory (the list below says why): importing it would change nothing."
            : "The inventory already holds everything in this file: importing it would change nothing."}
        </Alert>
      ) : null}
      {summary.bom && <BomIntro bom={summary.bom} />}
      {!blocked && <CountsTable counts={summary.counts} caption="What the import will do" />}
      {!blocked && summary.changes.length > 0 && <ChangesTable summary={summary} />}
      {summary.notes.length > 0 && (
        <ul className="mt-3 list-disc pl-5 text-sm text-slate-600">
          {summary.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
      {summary.problems.length > 0 && <ProblemsTable summary={summary} />}
      {summary.bom && <BomEntries bom={summary.bom} />}
      <div className="mt-4 flex items-center gap-3">
        <Button variant="primary" disabled={blocked || nothing} onClick={onConfirm}>
          Confirm import
        </Button>
        {blocked && <span className="text-sm text-slate-600">Confirm is available once the file has no errors.</span>}
      </div>
    </section>
  );
}

/** The rows a "Changed" count stands for, each with the fields the import changes. */
function ChangesTable({ summary }: { summary: ImportSummary }) {
  return (
    <div className="mt-4 max-h-96 overflow-auto">
      <table className="w-full text-sm">
        <caption className="text-left font-medium text-slate-800">
          Changed rows{summary.totals.update > summary.changes.length ? ` (the first ${summary.changes.length} of ${summary.totals.update})` : ""}
        </caption>
        <thead>
          <tr className="border-b border-slate-200 text-left text-slate-600">
            <th className="py-1 pr-4 font-medium">Table</th>
            <th className="py-1 pr-4 font-medium">Row</th>
            <th className="py-1 font-medium">Changes</th>
          </tr>
        </thead>
        <tbody>
          {summary.changes.map((c, i) => (
            <tr key={i} className="border-b border-slate-100 align-top">
              <td className="py-1 pr-4">{c.table}</td>
              <th scope="row" className="py-1 pr-4 text-left font-normal">
                {c.row}
              </th>
              <td className="py-1">{c.fields.join(", ")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ProblemsTable({ summary }: { summary: ImportSummary }) {
  return (
    <div className="mt-4 max-h-96 overflow-auto">
      <table className="w-full text-sm">
        <caption className="text-left font-medium text-slate-800">
          Problems in the file{summary.problemCount > summary.problems.length ? ` (the first ${summary.problems.length} of ${summary.problemCount})` : ""}
        </caption>
        <thead>
          <tr className="border-b border-slate-200 text-left text-slate-600">
            <th className="py-1 pr-4 font-medium">Sheet or file</th>
            <th className="py-1 pr-4 text-right font-medium">Row</th>
            <th className="py-1 pr-4 font-medium">Column</th>
            <th className="py-1 font-medium">Problem</th>
          </tr>
        </thead>
        <tbody>
          {summary.problems.map((p, i) => (
            <tr key={i} className="border-b border-slate-100 align-top">
              <td className="py-1 pr-4">{p.sheet}</td>
              <td className="py-1 pr-4 text-right tabular-nums">{p.row ?? ""}</td>
              <td className="py-1 pr-4">{p.column ?? ""}</td>
              <td className={p.severity === "error" ? "py-1 text-red-800" : "py-1 text-amber-800"}>
                {p.severity === "warning" ? "Warning: " : ""}
                {p.message}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** What kind of BOM the file is, and how much of it maps. */
function BomIntro({ bom }: { bom: BomSummary }) {
  return (
    <p className="mt-3 text-sm text-slate-700">
      A CycloneDX {bom.specVersion} BOM{bom.madeBySovra ? " made by Sovra: its sovra: properties are read, so it imports as it was exported" : ""}.{" "}
      {bom.notMappedCount === 0 ? "Every component and service maps to the inventory." : `${bom.notMappedCount} component${bom.notMappedCount === 1 ? "" : "s"} or service${bom.notMappedCount === 1 ? "" : "s"} cannot be mapped: listed below, not imported.`}
      {bom.assumedCount > 0 ? ` ${bom.assumedCount} fact${bom.assumedCount === 1 ? " was" : "s were"} assumed where the BOM is silent: check them below.` : ""}
    </p>
  );
}

/** The BOM's components and services that are not imported, and the facts assumed for the others. */
function BomEntries({ bom }: { bom: BomSummary }) {
  return (
    <>
      {bom.notMapped.length > 0 && <BomTable caption="Not mapped: not imported" entries={bom.notMapped} total={bom.notMappedCount} />}
      {bom.assumed.length > 0 && <BomTable caption="Assumed: imported, but check these" entries={bom.assumed} total={bom.assumedCount} />}
    </>
  );
}

function BomTable({ caption, entries, total }: { caption: string; entries: BomMappingEntry[]; total: number }) {
  return (
    <div className="mt-4 max-h-96 overflow-auto">
      <table className="w-full text-sm">
        <caption className="text-left font-medium text-slate-800">
          {caption}
          {total > entries.length ? ` (the first ${entries.length} of ${total})` : ` (${total})`}
        </caption>
        <thead>
          <tr className="border-b border-slate-200 text-left text-slate-600">
            <th className="py-1 pr-4 font-medium">Component or service</th>
            <th className="py-1 pr-4 font-medium">Where in the BOM</th>
            <th className="py-1 font-medium">Why</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e, i) => (
            <tr key={i} className="border-b border-slate-100 align-top">
              <th scope="row" className="min-w-32 py-1 pr-4 text-left font-normal">
                {e.name}
              </th>
              <td className="py-1 pr-4 font-mono text-xs">
                {e.path}
                {e.ref ? <span className="block text-slate-500">{e.ref}</span> : null}
              </td>
              {/* A reading width on a phone: the table scrolls sideways rather than squeeze a word per line. */}
              <td className="min-w-64 py-1">{e.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Imported({ summary, orgSlug }: { summary: ImportSummary; orgSlug: string }) {
  const { create, update, unchanged } = summary.totals;
  return (
    <section className="mt-6 border-t border-slate-200 pt-4">
      <Alert tone="success" title={`Imported ${summary.fileName}`}>
        {create} new, {update} changed, {unchanged} unchanged. <a href={`/${orgSlug}/inventory`} className="font-medium underline">Back to the inventory</a>
      </Alert>
      <CountsTable counts={summary.counts} caption="What the import did" />
      {summary.bom && <BomEntries bom={summary.bom} />}
    </section>
  );
}
