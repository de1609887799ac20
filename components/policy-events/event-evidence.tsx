import type { Reference } from "@/scoring/schema/policy-event";

/**
 * What an event rests on: how its date was read (`dateNote`) and the published texts it cites
 * (`references`), each folded away in a <details> so a list of events stays readable. Renders
 * nothing when the event has neither.
 */
export function EventEvidence({ dateNote, references }: { dateNote?: string; references?: readonly Reference[] }) {
  if (!dateNote && !references?.length) return null;
  return (
    <div className="mt-1 space-y-1 text-xs font-normal text-slate-600">
      {dateNote && (
        <details>
          <summary className="cursor-pointer text-brand-700 underline">How this date was read</summary>
          <p className="mt-1 max-w-prose whitespace-pre-line">{dateNote}</p>
        </details>
      )}
      {references && references.length > 0 && (
        <details>
          <summary className="cursor-pointer text-brand-700 underline">
            References ({references.length})
          </summary>
          <ul className="mt-1 max-w-prose list-disc space-y-1 pl-4">
            {references.map((r, i) => (
              <li key={i}>
                <span>{r.publisher ?? "Publisher not named"}</span> —{" "}
                {r.url ? (
                  <a href={r.url} className="text-brand-700 underline" rel="noopener noreferrer nofollow" target="_blank">
                    {r.title}
                    <span className="sr-only"> (opens in a new tab)</span>
                  </a>
                ) : (
                  <cite className="not-italic">{r.title}</cite>
                )}
                {r.note && <span className="block text-slate-500">{r.note}</span>}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
