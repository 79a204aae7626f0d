"use client";

import { createContext, useContext, useState, type ReactNode } from "react";
import type { EnvironmentSummary } from "@/lib/environments/types";

type Selection = {
  environments: EnvironmentSummary[];
  selected: EnvironmentSummary | undefined;
  select: (id: string) => void;
};

const EnvironmentContext = createContext<Selection>({ environments: [], selected: undefined, select: () => {} });

/** The environment the Identify form sends to; the header badge shows the same one. */
export function EnvironmentProvider({ environments, children }: { environments: EnvironmentSummary[]; children: ReactNode }) {
  const [selectedId, setSelectedId] = useState(() => environments.find((entry) => entry.isDefault)?.id);
  const selected = environments.find((entry) => entry.id === selectedId) ?? environments.find((entry) => entry.isDefault);
  return (
    <EnvironmentContext.Provider value={{ environments, selected, select: setSelectedId }}>{children}</EnvironmentContext.Provider>
  );
}

export function useEnvironmentSelection(): Selection {
  return useContext(EnvironmentContext);
}
