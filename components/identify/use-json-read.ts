"use client";

import { useEffect, useState } from "react";
import type { z } from "zod";

export type JsonRead<T> =
  | { kind: "idle" }
  | { kind: "loading" }
  | { kind: "ok"; data: T }
  | { kind: "error"; message: string };

const UNREACHABLE = "The console's server could not be reached.";

/**
 * Reads a console route while `path` is set; `version` changes read it again (after a send). What was read
 * for the same path stays shown while it is read again, so the view does not flicker. The reader, and the
 * schema when given as a loader (a stable function), load with the first read: not before the page shows.
 */
export function useJsonRead<S extends z.ZodType>(
  read: { path: string; schema: S | (() => Promise<S>) } | null,
  version: number,
): JsonRead<z.output<S>> {
  const [answer, setAnswer] = useState<{ path: string; read: JsonRead<z.output<S>> } | null>(null);
  const path = read?.path ?? null;
  const schema = read?.schema;

  useEffect(() => {
    if (path === null || schema === undefined) return;
    let current = true;
    const schemaNow = typeof schema === "function" ? schema() : Promise.resolve(schema);
    void Promise.all([import("@/lib/browser/request-json"), schemaNow])
      .then(([{ requestJson }, loaded]) => requestJson(path, loaded))
      .then(
        (result): JsonRead<z.output<S>> =>
          result.ok ? { kind: "ok", data: result.data } : { kind: "error", message: result.message },
        // Only loading the reader can fail this way: the network is gone.
        (): JsonRead<z.output<S>> => ({ kind: "error", message: UNREACHABLE }),
      )
      .then((read) => {
        if (current) setAnswer({ path, read });
      });
    return () => {
      current = false;
    };
  }, [path, schema, version]);

  if (path === null) return { kind: "idle" };
  if (answer?.path !== path) return { kind: "loading" };
  return answer.read;
}

/** The value once it has stopped changing for `ms`: a read per pause in typing, not per key. */
export function useDebouncedValue<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
