"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { setupSchema } from "@/lib/auth/schemas";

type Values = z.infer<typeof setupSchema>;

export function SetupForm({ token }: { token: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const { register, handleSubmit, formState } = useForm<Values>({
    resolver: zodResolver(setupSchema),
    defaultValues: { token, name: "", email: "", password: "" },
  });

  return (
    <form
      noValidate
      aria-label="Create the first admin"
      className="space-y-4 rounded-lg bg-white p-6 shadow-xs ring-1 ring-slate-200"
      onSubmit={handleSubmit(async (values) => {
        setError(null);
        const response = await fetch("/api/setup", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(values),
        }).catch(() => undefined);
        if (response?.ok) {
          router.push("/login");
          return;
        }
        const body: unknown = await response?.json().catch(() => undefined);
        const message = (body as { error?: { message?: string } } | undefined)?.error?.message;
        setError(message ?? "The admin could not be created.");
      })}
    >
      <fieldset disabled={formState.isSubmitting} className="space-y-4">
        <input type="hidden" {...register("token")} />
        <TextField
          id="setup-name"
          label="Name"
          autoComplete="name"
          error={formState.errors.name?.message}
          {...register("name")}
        />
        <TextField
          id="setup-email"
          label="Email"
          type="email"
          autoComplete="username"
          error={formState.errors.email?.message}
          {...register("email")}
        />
        <TextField
          id="setup-password"
          label="Password"
          type="password"
          autoComplete="new-password"
          hint="At least 10 characters."
          error={formState.errors.password?.message}
          {...register("password")}
        />
        {error && (
          <p role="alert" className="text-sm font-medium text-rose-700">
            {error}
          </p>
        )}
        <Button type="submit" variant="primary" className="w-full">
          Create admin
        </Button>
      </fieldset>
    </form>
  );
}
