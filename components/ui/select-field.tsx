import type { ComponentProps } from "react";
import { Field } from "./field";
import { Select } from "./input";

export type SelectOption = { value: string; label: string };

type Props = Omit<ComponentProps<typeof Select>, "children"> & {
  id: string;
  label: string;
  compact?: boolean;
  options: readonly SelectOption[];
};

/** A labelled select over a fixed list of options; takes a `register(...)` spread. */
export function SelectField({ id, label, compact, options, ...select }: Props) {
  return (
    <Field id={id} label={label} compact={compact}>
      <Select id={id} {...select}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </Select>
    </Field>
  );
}
