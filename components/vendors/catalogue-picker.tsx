"use client";
import { useActionState, useEffect, useId, useRef, useState } from "react";
import Link from "next/link";
import { addFromCatalogueAction, searchCatalogueAction, type CatalogueSearchHit } from "@/lib/catalogue/actions";
import type { AddedFromCatalogue } from "@/lib/catalogue/mutations";
import { idle } from "@/lib/action-state";
import { ACCESS_PATH_LABELS, TRAINING_COMPUTE_LABELS, VENDOR_TYPE_LABELS, WEIGHTS_LABELS } from "@/lib/labels";
import { SubmitButton } from "@/components/ui/submit-button";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { formatDay } from "@/lib/dates";
import { WrappingText } from "@/components/ui/wrapping-text";

const DEBOUNCE_MS = 150;

/** "From the catalogue": search as you type, choose a vendor, tick its models, add them. */
export function CataloguePicker({ orgSlug }: { orgSlug: string }) {
  const [chosen, setChosen] = useState<CatalogueSearchHit | null>(null);
  return (
    <div className="space-y-4">
      <CatalogueCombobox orgSlug={orgSlug} onChoose={setChosen} />
      {chosen && <CatalogueEntry key={chosen.vendor.key} orgSlug={orgSlug} hit={chosen} />}
    </div>
  );
}

function CatalogueCombobox({ orgSlug, onChoose }: { orgSlug: string; onChoose: (hit: CatalogueSearchHit) => void }) {
  const id = useId();
  const listboxId = `${id}-listbox`;
  const [query, setQuery] = useState("");
  const [hits, setHits] = useState<CatalogueSearchHit[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(0);
  const chosenName = useRef<string | null>(null);

  useEffect(() => {
    if (!query.trim() || query === chosenName.current) return; // the input shows the choice: no new search
    const request = ++latest.current;
    const timer = setTimeout(async () => {
      const result = await searchCatalogueAction(orgSlug, query);
      if (request !== latest.current) return; // a newer keystroke answered or will answer
      if (result.ok) {
        setHits(result.hits);
        setError(null);
        setActive(result.hits.length ? 0 : -1);
        setOpen(true);
      } else {
        setError(result.message);
        setOpen(false);
      }
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [orgSlug, query]);

  const choose = (hit: CatalogueSearchHit) => {
    onChoose(hit);
    setQuery(hit.vendor.name);
    setOpen(false);
    chosenName.current = hit.vendor.name;
    latest.current++; // an answer still on its way is for an older query
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      if (!open) return setOpen(hits.length > 0);
      if (!hits.length) return;
      const step = e.key === "ArrowDown" ? 1 : -1;
      setActive((i) => (i + step + hits.length) % hits.length);
    } else if (e.key === "Enter") {
      if (open && active >= 0 && hits[active]) {
        e.preventDefault();
        choose(hits[active]);
      }
    } else if (e.key === "Escape") {
      if (open) {
        e.preventDefault();
        setOpen(false);
      } else setQuery("");
    }
  };

  const expanded = open && query.trim() !== "";
  const optionId = (i: number) => `${id}-option-${i}`;
  return (
    <div className="relative max-w-xl">
      <label htmlFor={`${id}-input`} className="block text-sm font-medium text-slate-800">
        Search the catalogue
      </label>
      <input
        id={`${id}-input`}
        type="text"
        role="combobox"
        aria-expanded={expanded}
        aria-controls={listboxId}
        aria-autocomplete="list"
        aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
        aria-describedby={`${id}-hint`}
        autoComplete="off"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          if (!e.target.value.trim()) {
            latest.current++;
            setHits([]);
            setOpen(false);
          }
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
        onFocus={() => setOpen(hits.length > 0)}
        placeholder="Vendor, model or family, e.g. Mistral, Llama, Gemini"
        className="mt-1 block w-full rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-brand-500"
      />
      <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
        Arrow keys to move, Enter to choose, Escape to close.
      </p>
      {error && <p className="mt-1 text-xs text-red-700">{error}</p>}
      <ul
        id={listboxId}
        role="listbox"
        aria-label="Catalogue vendors"
        hidden={!expanded}
        className="absolute z-10 mt-1 max-h-80 w-full overflow-auto rounded-md bg-white py-1 text-sm shadow-lg ring-1 ring-slate-200"
      >
        {hits.length === 0 ? (
          <li className="px-3 py-2 text-slate-500">No vendor in the catalogue matches.</li>
        ) : (
          hits.map((hit, i) => (
            <li
              key={hit.vendor.key}
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              onMouseDown={(e) => e.preventDefault()} // keep the focus in the input
              onClick={() => choose(hit)}
              onMouseEnter={() => setActive(i)}
              className={cn("cursor-pointer px-3 py-2", i === active && "bg-brand-50")}
            >
              <span className="font-medium text-slate-900">{hit.vendor.name}</span>
              <span className="text-slate-600">
                {" "}
                · {hit.hqCountryName} · {VENDOR_TYPE_LABELS[hit.vendor.vendorType]} · {hit.models.length} model{hit.models.length === 1 ? "" : "s"}
              </span>
              {hit.matchedModel && <span className="block text-xs text-slate-500">Matches {hit.matchedModel}</span>}
              {hit.inInventory && <span className="block text-xs text-slate-500">Already in your inventory</span>}
            </li>
          ))
        )}
      </ul>
    </div>
  );
}

const fromCatalogue = (source: string, asOf: string) => `${source}, as of ${formatDay(asOf)}`;

function CatalogueEntry({ orgSlug, hit }: { orgSlug: string; hit: CatalogueSearchHit }) {
  const [state, action] = useActionState(addFromCatalogueAction, idle);
  const { vendor, models, inInventory } = hit;
  const added = state.status === "success" ? (state.data as AddedFromCatalogue | undefined) : undefined;
  const vendorsPath = `/${orgSlug}/inventory/vendors`;
  const selectable = models.filter((m) => !inInventory?.modelKeys.includes(m.key));
  return (
    <section aria-labelledby={`catalogue-${vendor.key}`} className="rounded-md p-4 ring-1 ring-slate-200">
      <h3 id={`catalogue-${vendor.key}`} className="text-base font-semibold text-slate-900">
        {vendor.name}
      </h3>
      <dl className="mt-2 grid gap-2 text-sm sm:grid-cols-2">
        <div><dt className="text-slate-500">Type</dt><dd className="font-medium">{VENDOR_TYPE_LABELS[vendor.vendorType]}</dd></div>
        <div><dt className="text-slate-500">HQ country</dt><dd className="font-medium">{hit.hqCountryName}</dd></div>
        <div><dt className="text-slate-500">Ultimate parent</dt><dd className="font-medium">{vendor.parentName} ({hit.parentCountryName})</dd></div>
        <div><dt className="text-slate-500">Catalogue source</dt><dd className="font-medium"><WrappingText text={fromCatalogue(vendor.source, vendor.asOf)} /></dd></div>
      </dl>
      {inInventory && (
        <p className="mt-3 text-sm text-slate-700">
          Already in your inventory as{" "}
          <Link href={`${vendorsPath}/${inInventory.vendorId}`} className="font-medium text-brand-700 underline">
            {inInventory.vendorName}
          </Link>
          : adding keeps its facts and adds only the models it lacks.
        </p>
      )}
      {added ? (
        <Alert tone="success" className="mt-4">
          {state.status === "success" && state.message}{" "}
          <Link href={`${vendorsPath}/${added.vendor.id}`} className="font-medium underline">
            Open {added.vendor.name}
          </Link>{" "}
          ·{" "}
          <Link href={vendorsPath} className="font-medium underline">
            All vendors
          </Link>
        </Alert>
      ) : (
        <form action={action} className="mt-4 space-y-3">
          {state.status === "error" && <Alert tone="error">{state.message}</Alert>}
          <input type="hidden" name="org" value={orgSlug} />
          <input type="hidden" name="catalogueKey" value={vendor.key} />
          <fieldset>
            <legend className="text-sm font-medium text-slate-800">Models</legend>
            {models.length === 0 && <p className="mt-1 text-sm text-slate-500">The catalogue lists no models of this vendor (a cloud that hosts others&apos; models).</p>}
            <ul className="mt-2 space-y-3">
              {models.map((m) => {
                const there = !!inInventory?.modelKeys.includes(m.key);
                return (
                  <li key={m.key}>
                    <label className="flex items-start gap-2 text-sm text-slate-800">
                      <input type="checkbox" name="modelKeys" value={m.key} disabled={there} defaultChecked={!there && selectable.length === 1} className="mt-0.5 size-4 rounded border-slate-300" />
                      <span>
                        <span className="font-medium">{m.name}</span>
                        {there && <span className="text-slate-500"> (already in your inventory)</span>}
                        <span className="block text-xs text-slate-600">
                          {WEIGHTS_LABELS[m.weights]} · {m.licence} · training compute {TRAINING_COMPUTE_LABELS[m.trainingCompute]} · {m.offeredAccessPaths.map((p) => ACCESS_PATH_LABELS[p.path] + (p.service ? ` (${p.service})` : "")).join(", ")}
                        </span>
                        <WrappingText className="block text-xs text-slate-500" text={`Source: ${fromCatalogue(m.source, m.asOf)}`} />
                      </span>
                    </label>
                  </li>
                );
              })}
            </ul>
          </fieldset>
          <div className="flex gap-2">
            <SubmitButton pendingText="Adding…">Add to inventory</SubmitButton>
            <Link href={vendorsPath} className={buttonClass("secondary")}>
              Cancel
            </Link>
          </div>
        </form>
      )}
    </section>
  );
}
