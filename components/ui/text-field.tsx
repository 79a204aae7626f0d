import type { ComponentProps } from "react";
import { FieldError } from "./field-message";
import { Input } from "./input";

type Props = ComponentProps<typeof Input> & { id: string; label: string; error?: string; hint?: string };

/** A labelled input with its error (and optional hint) wired up for screen readers. */
export function TextField({ id, label, error, hint, ...input }: Props) {
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-800">
        {label}
      </label>
      <Input
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={hint ? `${id}-error ${id}-hint` : `${id}-error`}
        {...input}
      />
      <FieldError id={`${id}-error`} message={error} />
      {hint && (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      )}
    </div>
  );
}
