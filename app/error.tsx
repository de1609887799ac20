"use client";

import { startTransition, useEffect, useState } from "react";
import { useRouter } from "next/navigation";

/**
 * Whether the server says its database is down (`/api/health` answers 503 with `database: "down"`).
 * A page's error reaches the browser without its cause (production hides it), so the error page
 * asks: a stopped database is the one failure a person can do something about, by waiting.
 */
function useDatabaseDown(error: Error): boolean {
  const [down, setDown] = useState(false);
  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 5000);
    fetch("/api/health", { cache: "no-store", signal: controller.signal })
      .then(async (r) => (r.status === 503 ? ((await r.json()) as { database?: string }) : null))
      .then((health) => setDown(health?.database === "down"))
      .catch(() => undefined)
      .finally(() => clearTimeout(timer));
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [error]);
  return down;
}

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const databaseDown = useDatabaseDown(error);
  const router = useRouter();
  // A server component's error is only cleared by rendering it on the server again.
  const retry = () =>
    startTransition(() => {
      router.refresh();
      reset();
    });
  return (
    <main className="flex min-h-[60vh] items-center justify-center px-4">
      <div className="max-w-md text-center" role="alert">
        {databaseDown ? (
          <>
            <h1 className="text-2xl font-semibold text-slate-900">The database is unavailable</h1>
            <p className="mt-2 text-sm text-slate-600">Sovra cannot reach its database right now. Nothing you saved was lost: try again in a few seconds.</p>
          </>
        ) : (
          <>
            <h1 className="text-2xl font-semibold text-slate-900">Something went wrong</h1>
            <p className="mt-2 text-sm text-slate-600">
              The page could not be shown. Nothing you saved was lost.{error.digest ? ` Reference: ${error.digest}.` : ""}
            </p>
          </>
        )}
        <button type="button" onClick={retry} className="mt-6 rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-brand-700">
          Try again
        </button>
      </div>
    </main>
  );
}
