"use client";
import { startTransition, useActionState, useCallback, useEffect, useRef, useState } from "react";
import Link from "next/link";
import { idle } from "@/lib/action-state";
import { endWorkshopAction, workshopStepAction } from "@/lib/workshops/actions";
import { AGENDA, formatElapsed } from "@/lib/workshops/agenda";
import { cn } from "@/components/ui/cn";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClass } from "@/components/ui/button";
import { SubmitButton } from "@/components/ui/submit-button";

/** Seconds since `since`, ticking once a second (nothing before hydration, so server and client agree). */
function useElapsed(since: number) {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    const first = setTimeout(() => setNow(Date.now()), 0);
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => {
      clearTimeout(first);
      clearInterval(t);
    };
  }, []);
  return now === null ? null : now - since;
}

const typing = (el: EventTarget | null) => el instanceof HTMLElement && (el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName));

/**
 * The workshop on a projector: the whole viewport (over the app's sidebar), large type, the
 * agenda as numbered steps, a timer for the session and one for the step, and the keys a
 * facilitator uses without the mouse: PageDown / PageUp (or the arrow keys outside a field) move
 * through the agenda, F toggles full screen. Each step's content is rendered by the server.
 */
export function WorkshopShell({
  org,
  workshop,
  panels,
  aside,
  canRun,
}: {
  org: string;
  workshop: { id: string; version: number; title: string; step: number; startedAt: string };
  panels: React.ReactNode[];
  aside: React.ReactNode;
  canRun: boolean;
}) {
  const [step, setStep] = useState(workshop.step);
  const [version, setVersion] = useState(workshop.version);
  const [stepSince, setStepSince] = useState(() => Date.now());
  const [stepState, stepAction] = useActionState(workshopStepAction, idle);
  const [endState, endAction] = useActionState(endWorkshopAction, idle);
  const [confirming, setConfirming] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const total = useElapsed(Date.parse(workshop.startedAt));
  const inStep = useElapsed(stepSince);

  // The step on screen is saved half a second after the facilitator stops moving, so that paging
  // through the agenda sends one save, not one per key. Each save answers the workshop's new
  // version, which the next one sends; when another screen moved it meanwhile, this screen's step
  // is saved on top (it is a position, not the client's data).
  const [savedStep, setSavedStep] = useState(workshop.step);
  const [seenStepState, setSeenStepState] = useState(stepState);
  if (stepState !== seenStepState) {
    setSeenStepState(stepState);
    const data = stepState.status === "success" && stepState.data && typeof stepState.data === "object" ? (stepState.data as { version?: number; step?: number }) : null;
    const current = stepState.status === "error" && stepState.code === "CONFLICT" ? (stepState.details?.current as { version?: number } | undefined) : undefined;
    if (data?.version !== undefined) {
      setVersion(data.version);
      setSavedStep(data.step ?? step);
    } else if (current?.version !== undefined) setVersion(current.version);
  }
  const stepError = stepState.status === "error" && !(stepState.code === "CONFLICT" && stepState.details?.current) ? stepState.message : null;

  useEffect(() => {
    if (!canRun || step === savedStep) return;
    const t = setTimeout(() => {
      const fd = new FormData();
      fd.set("org", org);
      fd.set("id", workshop.id);
      fd.set("version", String(version));
      fd.set("step", String(step));
      startTransition(() => stepAction(fd));
    }, 500);
    return () => clearTimeout(t);
  }, [step, savedStep, version, canRun, org, workshop.id, stepAction]);

  const go = useCallback(
    (to: number) => {
      if (to < 0 || to >= AGENDA.length || to === step) return;
      setStep(to);
      setStepSince(Date.now());
    },
    [step],
  );

  const toggleFullScreen = useCallback(() => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void rootRef.current?.requestFullscreen?.().catch(() => undefined);
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.key === "PageDown" || (!typing(e.target) && e.key === "ArrowRight")) {
        e.preventDefault();
        go(step + 1);
      } else if (e.key === "PageUp" || (!typing(e.target) && e.key === "ArrowLeft")) {
        e.preventDefault();
        go(step - 1);
      } else if (!typing(e.target) && (e.key === "f" || e.key === "F")) {
        toggleFullScreen();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [go, step, toggleFullScreen]);

  // The current step stays in view in the agenda's strip, however narrow the screen.
  useEffect(() => {
    rootRef.current?.querySelector<HTMLElement>('nav [aria-current="step"]')?.scrollIntoView({ block: "nearest", inline: "nearest" });
  }, [step]);

  const current = AGENDA[step]!;
  return (
    <div ref={rootRef} className="fixed inset-0 z-40 flex flex-col overflow-hidden bg-slate-50 text-slate-900" role="region" aria-label={`Workshop: ${workshop.title}`}>
      <header className="flex flex-wrap items-center gap-x-6 gap-y-2 border-b border-slate-200 bg-white px-4 py-3 sm:px-6">
        <div className="min-w-0 flex-1">
          <p className="text-xs font-semibold uppercase tracking-wide text-brand-700">Workshop</p>
          <h1 className="text-lg font-semibold leading-tight sm:truncate sm:text-2xl">{workshop.title}</h1>
        </div>
        <dl className="flex gap-6 text-right tabular-nums">
          <div>
            <dt className="text-xs text-slate-600">Session</dt>
            <dd className="text-xl font-semibold sm:text-2xl" aria-live="off">{total === null ? "–" : formatElapsed(total)}</dd>
          </div>
          <div>
            <dt className="text-xs text-slate-600">This step ({current.minutes} min planned)</dt>
            <dd className={cn("text-xl font-semibold sm:text-2xl", inStep !== null && inStep > current.minutes * 60_000 && "text-amber-700")}>{inStep === null ? "–" : formatElapsed(inStep)}</dd>
          </div>
        </dl>
        <div className="flex gap-2">
          <Button variant="secondary" onClick={toggleFullScreen} title="Full screen (F)">
            Full screen
          </Button>
          <Link href={`/${org}/workshops`} className={buttonClass("ghost")}>
            Leave
          </Link>
        </div>
      </header>
      <nav aria-label="Agenda" className="border-b border-slate-200 bg-white px-2 sm:px-4">
        <ol className="flex gap-1 overflow-x-auto py-2">
          {AGENDA.map((s, i) => (
            <li key={s.key} className="shrink-0">
              <button
                type="button"
                onClick={() => go(i)}
                aria-current={i === step ? "step" : undefined}
                className={cn("rounded-md px-3 py-1.5 text-sm font-medium", i === step ? "bg-brand-600 text-white" : i < step ? "text-slate-700 hover:bg-slate-100" : "text-slate-500 hover:bg-slate-100")}
              >
                <span className="tabular-nums">{i + 1}.</span> {s.title}
              </button>
            </li>
          ))}
        </ol>
      </nav>
      <div className="flex min-h-0 flex-1 flex-col lg:flex-row">
        <main className="min-h-0 flex-1 overflow-y-auto px-4 py-5 sm:px-8 2xl:[zoom:1.15]">
          <h2 className="text-2xl font-semibold sm:text-3xl">
            {step + 1}. {current.title}
          </h2>
          <p className="mt-1 text-lg text-slate-700">{current.prompt}</p>
          {stepError && (
            <Alert tone="error" className="mt-3">
              {stepError}
            </Alert>
          )}
          <div className="mt-5 text-base">{panels[step]}</div>
        </main>
        <aside className="max-h-[40vh] overflow-y-auto border-t border-slate-200 bg-white px-4 py-4 lg:max-h-none lg:w-96 lg:border-l lg:border-t-0" aria-label="To verify">
          {aside}
        </aside>
      </div>
      <footer className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-200 bg-white px-4 py-3 sm:px-6">
        <p className="text-sm text-slate-600">
          <kbd className="rounded border border-slate-300 px-1">PgDn</kbd> next step · <kbd className="rounded border border-slate-300 px-1">PgUp</kbd> previous · <kbd className="rounded border border-slate-300 px-1">F</kbd> full screen
        </p>
        <div className="flex items-center gap-2">
          <Button variant="secondary" onClick={() => go(step - 1)} disabled={step === 0}>
            Previous
          </Button>
          <Button onClick={() => go(step + 1)} disabled={step === AGENDA.length - 1}>
            Next step
          </Button>
          {canRun && !confirming && (
            <Button variant="danger-quiet" onClick={() => setConfirming(true)}>
              End workshop…
            </Button>
          )}
        </div>
        {confirming && (
          <form action={endAction} className="flex w-full flex-wrap items-center justify-end gap-3 rounded-md bg-amber-50 p-3 ring-1 ring-amber-200" aria-label="End the workshop">
            <p className="mr-auto text-sm text-amber-900">
              Ending freezes an assessment of the inventory as it stands now, labelled with this workshop. Nothing can be captured in it afterwards.
            </p>
            {endState.status === "error" && <p className="w-full text-sm text-red-700">{endState.message}</p>}
            <input type="hidden" name="org" value={org} />
            <input type="hidden" name="id" value={workshop.id} />
            <input type="hidden" name="version" value={version} />
            <Button variant="secondary" onClick={() => setConfirming(false)}>
              Keep going
            </Button>
            <SubmitButton variant="danger" pendingText="Ending and freezing…">
              End and freeze
            </SubmitButton>
          </form>
        )}
      </footer>
    </div>
  );
}
