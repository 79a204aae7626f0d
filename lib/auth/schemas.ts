import { z } from "zod";
import { ROLES } from "./roles";

export const passwordSchema = z
  .string()
  .min(10, { error: "Use at least 10 characters" })
  .max(128, { error: "Use at most 128 characters" });

export const newUserSchema = z.object({
  name: z.string().trim().min(1, { error: "Enter a name" }).max(100),
  email: z.email({ error: "Enter an email address" }),
  password: passwordSchema,
  role: z.enum(ROLES),
});
export type NewUser = z.infer<typeof newUserSchema>;

export const setupSchema = newUserSchema.omit({ role: true }).extend({ token: z.string().min(1).max(200) });
export type SetupInput = z.infer<typeof setupSchema>;

export const userChangeSchema = z
  .object({ role: z.enum(ROLES).optional(), active: z.boolean().optional() })
  .refine((change) => change.role !== undefined || change.active !== undefined, { error: "Nothing to change" });

export const signInSchema = z.object({
  email: z.email({ error: "Enter your email address" }),
  password: z.string().min(1, { error: "Enter your password" }),
});
