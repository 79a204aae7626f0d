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

export const userChangeSchema = z
  .object({ role: z.enum(ROLES).optional(), active: z.boolean().optional() })
  .refine((change) => change.role !== undefined || change.active !== undefined, { error: "Nothing to change" });

export const signInSchema = z.object({
  email: z.email({ error: "Enter your email address" }),
  password: z.string().min(1, { error: "Enter your password" }),
});

// The number's error is also the message of its int/min/max checks.
export const staffPageQuerySchema = z.object({
  offset: z.coerce.number({ error: "Use a whole number, 0 or more" }).int().min(0).default(0),
  limit: z.coerce.number({ error: "Use a whole number from 1 to 200" }).int().min(1).max(200).default(50),
});

/** A staff account as the Users page and GET /api/users show it. */
export const staffUserSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: z.enum(ROLES),
  active: z.boolean(),
  createdAt: z.string(),
});
export type StaffUser = z.infer<typeof staffUserSchema>;

export const staffPageSchema = z.object({
  users: z.array(staffUserSchema),
  total: z.number(),
  nextOffset: z.number().nullable(),
});
export type StaffPage = z.infer<typeof staffPageSchema>;
