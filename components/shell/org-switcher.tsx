"use client";
import { usePathname, useRouter } from "next/navigation";
import { sameAreaPath } from "./same-area";
import { useId } from "react";

/**
 * A native select: keyboard- and screen-reader-friendly without extra code. Switching keeps the area (Scores stays Scores).
 * Each option names the organisation and the caller's role (its label); the closed select shows only
 * as much as fits, so the name comes first and the role after a dot (no bracket left open when cut).
 */
export function OrgSwitcher({ current, organisations }: { current: string; organisations: { slug: string; name: string; role: string; via?: string | null }[] }) {
  const router = useRouter();
  const pathname = usePathname();
  const id = useId();
  return (
    <div>
      <label htmlFor={id} className="block text-xs font-medium uppercase tracking-wide text-slate-500">
        Organisation
      </label>
      <select
        id={id}
        value={current}
        onChange={(e) => router.push(e.target.value === "__new" ? "/organisations/new" : e.target.value === "__practice" ? "/practices/new" : sameAreaPath(pathname, e.target.value))}
        className="mt-1 block w-full rounded-md border-0 bg-white py-1.5 pl-2 pr-8 text-sm font-medium text-slate-900 ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500"
      >
        {organisations.map((o) => (
          <option key={o.slug} value={o.slug}>
            {o.name} · {o.role}
            {o.via ? ` through ${o.via}` : ""}
          </option>
        ))}
        <option value="__new">+ New organisation…</option>
        <option value="__practice">+ New practice (for consultants)…</option>
      </select>
    </div>
  );
}
