import { z } from "zod";

/** What the history API answers; the browser parses it with these schemas. */
export const historyListItemSchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  environment: z.string(),
  sentBy: z.string().nullable(),
  source: z.string(),
  replayOf: z.string().nullable(),
  userId: z.string(),
  companyId: z.string().nullable(),
  propertyCount: z.number().int(),
  status: z.string(),
  requestId: z.string().nullable(),
  latencyMs: z.number().nullable(),
});
export type HistoryListItem = z.infer<typeof historyListItemSchema>;

export const historyPageSchema = z.object({
  rows: z.array(historyListItemSchema),
  nextCursor: z.string().nullable(),
});
export type HistoryPageResponse = z.infer<typeof historyPageSchema>;

export const attemptSchema = z.object({
  attempt: z.number().int(),
  startedAt: z.string(),
  latencyMs: z.number(),
  status: z.number().int().optional(),
  error: z.enum(["timeout", "network_error"]).optional(),
  message: z.string().optional(),
  requestId: z.string().optional(),
  waitMs: z.number().optional(),
});
export type Attempt = z.infer<typeof attemptSchema>;

export const historyDetailSchema = historyListItemSchema.extend({
  requestBody: z.unknown(),
  headers: z.record(z.string(), z.string()),
  endpoint: z.string(),
  responseBody: z.string().nullable(),
  errorMessage: z.string().nullable(),
  attempts: z.array(attemptSchema),
  redactedNames: z.array(z.string()),
  replays: z.array(z.object({ id: z.string(), createdAt: z.string(), status: z.string() })),
});
export type HistoryDetail = z.infer<typeof historyDetailSchema>;
