import { createFormControl } from "react-hook-form";
import { describe, expect, it } from "vitest";
import { fieldBinder, showFieldErrors } from "./form-field";

type Values = { email: string; rows: { name: string }[] };

function form() {
  const control = createFormControl<Values>({ defaultValues: { email: "", rows: [{ name: "" }] } });
  return { ...control, formState: control.control._formState };
}

describe("fieldBinder", () => {
  it("gives a field its register spread and no error while it has none", () => {
    const binding = fieldBinder(form())("email");
    expect(binding.name).toBe("email");
    expect(typeof binding.onChange).toBe("function");
    expect(binding.error).toBeUndefined();
  });

  it("gives each field its own error, nested paths too", () => {
    const target = form();
    showFieldErrors(target.setError, [
      { path: "rows.0.name", message: "Enter a property name" },
      { path: "email", message: "Enter an email address" },
    ]);
    const field = fieldBinder(target);
    expect(field("email").error).toBe("Enter an email address");
    expect(field("rows.0.name").error).toBe("Enter a property name");
  });
});
