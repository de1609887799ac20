"use client";
import { useFormStatus } from "react-dom";
import { buttonClass, type ButtonVariant } from "./button";

/** A submit button that shows progress and cannot be pressed twice. */
export function SubmitButton({ children, pendingText, variant = "primary", className }: { children: React.ReactNode; pendingText?: string; variant?: ButtonVariant; className?: string }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" disabled={pending} aria-disabled={pending} className={buttonClass(variant, className)}>
      {pending && <span aria-hidden className="size-3.5 animate-spin rounded-full border-2 border-current border-r-transparent" />}
      {pending ? (pendingText ?? children) : children}
    </button>
  );
}
