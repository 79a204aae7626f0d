import type { ReactNode } from "react";
import { FieldError, FieldHint } from "./field-message";

const labelClass = {
  normal: "mb-1 block text-sm font-medium text-slate-800",
  compact: "mb-1 block text-xs font-medium text-slate-700",
};

type Message = { error?: string; hint?: string };

/**
 * The id, invalid flag and description a field's control carries. A hint given at all (even empty, the
 * slot a live hint fills) is named in the description, so screen readers find it once it appears.
 */
export function controlAria(id: string, { error, hint }: Message) {
  return {
    id,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": hint === undefined ? `${id}-error` : `${id}-error ${id}-hint`,
  } as const;
}

type FieldProps = Message & {
  id: string;
  label: ReactNode;
  compact?: boolean;
  hintTone?: "info" | "warning";
  className?: string;
  children: ReactNode;
};

/** A label, its control (the children), then the control's error and hint: one layout for every form. */
export function Field({ id, label, compact, error, hint, hintTone, className, children }: FieldProps) {
  return (
    <div className={className}>
      <label htmlFor={id} className={labelClass[compact ? "compact" : "normal"]}>
        {label}
      </label>
      {children}
      <FieldError id={`${id}-error`} message={error} />
      {hint !== undefined && <FieldHint id={`${id}-hint`} message={hint} tone={hintTone} />}
    </div>
  );
}
