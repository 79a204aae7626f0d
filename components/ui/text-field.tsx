import type { ComponentProps } from "react";
import { controlAria, Field } from "./field";
import { Input } from "./input";

type FieldOptions = Omit<ComponentProps<typeof Field>, "children" | "className">;
type Props = ComponentProps<typeof Input> & FieldOptions & { fieldClassName?: string };

/** A labelled input with its error (and optional hint) wired up for screen readers; takes a `register(...)` spread. */
export function TextField({ id, label, compact, error, hint, hintTone, fieldClassName, ...input }: Props) {
  return (
    <Field {...{ id, label, compact, error, hint, hintTone }} className={fieldClassName}>
      <Input {...controlAria(id, { error, hint })} {...input} />
    </Field>
  );
}
