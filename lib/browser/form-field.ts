import type {
  FieldValues,
  Path,
  RegisterOptions,
  UseFormRegisterReturn,
  UseFormReturn,
  UseFormSetError,
} from "react-hook-form";

type Form<T extends FieldValues> = Pick<UseFormReturn<T>, "register" | "getFieldState" | "formState">;

/** What TextField takes from the form for one field: the register spread and that field's error. */
export type FieldBinding = UseFormRegisterReturn & { error?: string };

/**
 * Binds form fields for TextField: `{...field("email")}` is the register spread plus that field's error
 * message. Call it during render, so the form re-renders when an error changes.
 */
export function fieldBinder<T extends FieldValues>(form: Form<T>) {
  return (name: Path<T>, options?: RegisterOptions<T, Path<T>>): FieldBinding => ({
    ...form.register(name, options),
    error: form.getFieldState(name, form.formState).error?.message,
  });
}

/** Puts the fields a route refused under the inputs they came from (the route names them by the form's paths). */
export function showFieldErrors<T extends FieldValues>(
  setError: UseFormSetError<T>,
  fields: readonly { path: string; message: string }[],
) {
  for (const field of fields) setError(field.path as Path<T>, { message: field.message });
}
