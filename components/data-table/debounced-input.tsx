"use client";
import { useEffect, useRef, useState } from "react";
import { cn } from "@/components/ui/cn";

const inputClass =
  "block w-full rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-brand-500";

/**
 * A text input that reports its value once typing pauses (or at once on Enter), so that each
 * keystroke does not ask the server for a new page. It follows `value` when the value changes
 * from outside (back button, "clear filters"), but never undoes what is being typed.
 */
export function DebouncedInput({
  value,
  onCommit,
  delay = 300,
  className,
  ...input
}: { value: string; onCommit: (value: string) => void; delay?: number } & Omit<React.InputHTMLAttributes<HTMLInputElement>, "value" | "onChange" | "defaultValue">) {
  const [text, setText] = useState(value);
  const [seen, setSeen] = useState(value);
  const [committed, setCommitted] = useState(value);
  if (seen !== value) {
    setSeen(value);
    if (value !== committed) {
      setText(value);
      setCommitted(value);
    }
  }
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(timer.current), []);

  const commit = (raw: string) => {
    window.clearTimeout(timer.current);
    const v = raw.trim();
    setCommitted(v);
    onCommit(v);
  };

  return (
    <input
      {...input}
      value={text}
      onChange={(e) => {
        const v = e.target.value;
        setText(v);
        window.clearTimeout(timer.current);
        timer.current = window.setTimeout(() => commit(v), delay);
      }}
      onKeyDown={(e) => {
        if (e.key === "Enter") {
          e.preventDefault();
          commit(text);
        }
      }}
      className={cn(inputClass, className)}
    />
  );
}
