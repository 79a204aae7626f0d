"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { AccountFields } from "@/components/auth/account-fields";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field-message";
import { Form } from "@/components/ui/form";
import { setupSchema } from "@/lib/auth/schemas";
import { fieldBinder } from "@/lib/browser/form-field";
import { requestJson } from "@/lib/browser/request-json";
import { useFormFailure } from "@/lib/browser/use-form-failure";
import { signIn } from "./sign-in-form";

const NOT_CREATED = "The admin could not be created.";

type Values = z.infer<typeof setupSchema>;

export function SetupForm({ token }: { token: string }) {
  const router = useRouter();
  const form = useForm<Values>({
    resolver: zodResolver(setupSchema),
    defaultValues: { token, name: "", email: "", password: "" },
  });
  const { register, handleSubmit, formState } = form;
  const { failure, onSubmit } = useFormFailure(handleSubmit, async (values) => {
    const result = await requestJson("/api/setup", z.unknown(), {
      method: "POST",
      body: values,
      unreachable: NOT_CREATED,
      unexpected: () => NOT_CREATED,
    });
    if (!result.ok) return result.message;
    // The admin just chose this password: sign in with it instead of asking for it again. Should that fail
    // (the sign-in limit), the sign-in page is the way on.
    const signInFailure = await signIn({ email: values.email, password: values.password });
    // A full navigation, so every server component renders with the new session.
    if (signInFailure === null) window.location.assign(new URL("/", window.location.origin).href);
    else router.push("/login");
    return null;
  });

  return (
    <Form label="Create the first admin" panel onSubmit={onSubmit}>
      <fieldset disabled={formState.isSubmitting} className="space-y-4">
        <input type="hidden" {...register("token")} />
        <AccountFields idPrefix="setup" field={fieldBinder(form)} owner="self" />
        <FormError message={failure} />
        <Button type="submit" variant="primary" className="w-full">
          Create admin
        </Button>
      </fieldset>
    </Form>
  );
}
