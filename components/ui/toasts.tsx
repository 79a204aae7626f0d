"use client";

import { lazy, Suspense, useSyncExternalStore } from "react";

// Toasts answer something the user did, never the first paint: sonner (~12 KB gzip) loads with the first
// toast, not with every page. sonner shows toasts raised before its Toaster subscribed, so the order in
// which the library and the Toaster arrive doesn't matter.
const Toaster = lazy(() => import("sonner").then((module) => ({ default: module.Toaster })));

let wanted = false;
const listeners = new Set<() => void>();

function show(kind: "success" | "error" | "warning", message: string): void {
  if (!wanted) {
    wanted = true;
    for (const listener of listeners) listener();
  }
  void import("sonner").then((module) => module.toast[kind](message));
}

export const toast = {
  success: (message: string) => show("success", message),
  error: (message: string) => show("error", message),
  warning: (message: string) => show("warning", message),
};

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Where toasts appear (once one has been raised): bottom right, coloured by kind, each with a close button. */
export function Toasts() {
  const shown = useSyncExternalStore(
    subscribe,
    () => wanted,
    () => false,
  );
  if (!shown) return null;
  return (
    <Suspense fallback={null}>
      <Toaster position="bottom-right" richColors closeButton />
    </Suspense>
  );
}
