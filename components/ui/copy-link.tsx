"use client";
import { useState } from "react";
import { Button } from "./button";

/** A link or secret shown once (an invitation, reset or questionnaire link, an API token): read-only, selected on focus, with a Copy button. */
export function CopyLink({ link, label }: { link: string; label: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="mt-2 flex items-center gap-2">
      <input readOnly aria-label={label} value={link} onFocus={(e) => e.currentTarget.select()} className="w-full rounded-md bg-white px-2 py-1.5 font-mono text-xs ring-1 ring-emerald-300" />
      <Button
        variant="secondary"
        onClick={async () => {
          await navigator.clipboard?.writeText(link);
          setCopied(true);
        }}
      >
        {copied ? "Copied" : "Copy"}
      </Button>
    </div>
  );
}
