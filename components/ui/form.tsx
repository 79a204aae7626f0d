import type { ComponentProps } from "react";

const panelClass = "space-y-4 rounded-lg bg-white p-6 shadow-xs ring-1 ring-slate-200";

type Props = Omit<ComponentProps<"form">, "aria-label" | "noValidate"> & { label: string; panel?: boolean };

/** A named form whose fields the zod schema checks (so the browser's own bubbles stay off); `panel` boxes it. */
export function Form({ label, panel, className = "", ...props }: Props) {
  return (
    <form
      noValidate
      aria-label={label}
      className={[panel && panelClass, className].filter(Boolean).join(" ")}
      {...props}
    />
  );
}
