export function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={id} className="mt-1 text-xs font-medium text-rose-700">
      {message}
    </p>
  );
}

export function FieldHint({
  id,
  message,
  tone = "info",
}: {
  id: string;
  message?: string;
  tone?: "info" | "warning";
}) {
  if (!message) return null;
  return (
    <p
      id={id}
      className={`mt-1 text-xs ${tone === "warning" ? "font-medium text-amber-700" : "text-slate-500"}`}
    >
      {message}
    </p>
  );
}

/** A whole form's failure, said where the submit button is. */
export function FormError({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p role="alert" className="text-sm font-medium text-rose-700">
      {message}
    </p>
  );
}
