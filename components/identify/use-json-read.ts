"use client";

import { useEffect, useState } from "react";
import type { z } from "zod";
import { requestJson } from "@/lib/browser/request-json";

export type JsonRead<T> =
  | { kind: "idle" }
  | { kind: "loading" }
  | { kind: "ok"; data: T }
  | { kind: "error"; message: string };

/**
 * Reads a console route while `path` is set; `version` changes read it again (after a send). What was read
 * for the same path stays shown while it is read again, so the view does not flicker.
 */
export function useJsonRead<S extends z.ZodType>(
  read: { path: string; schema: S } | null,
  version: number,
): JsonRead<z.output<S>> {
  const [answer, setAnswer] = useState<{ path: string; read: JsonRead<z.output<S>> } | null>(null);
  const path = read?.path ?? null;
  const schema = read?.schema;

  useEffect(() => {
    if (path === null || schema === undefined) return;
    let current = true;
    void requestJson(path, schema).then((result) => {
      if (!current) return;
      setAnswer({
        path,
        read: result.ok ? { kind: "ok", data: result.data } : { kind: "error", message: result.message },
      });
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
