import { useState } from "react";
import type { FieldValues, UseFormHandleSubmit } from "react-hook-form";

/**
 * A form's own failure, the one not tied to a field: cleared when a submit starts, then set to what the
 * submit returns (null when it went through). Pairs with <FormError message={failure} />.
 */
export function useFormFailure<T extends FieldValues>(
  handleSubmit: UseFormHandleSubmit<T>,
  submit: (values: T) => Promise<string | null>,
) {
  const [failure, setFailure] = useState<string | null>(null);
  const onSubmit = handleSubmit(async (values) => {
    setFailure(null);
    setFailure(await submit(values));
  });
  return { failure, onSubmit };
}
