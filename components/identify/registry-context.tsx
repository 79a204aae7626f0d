"use client";

import { createContext, useContext } from "react";
import type { RegistryEntry } from "@/lib/profiles/types";

const RegistryContext = createContext<readonly RegistryEntry[]>([]);

/** The selected environment's type registry, for the rows' name suggestions and drift warnings. */
export const RegistryProvider = RegistryContext.Provider;

export const useRegistry = (): readonly RegistryEntry[] => useContext(RegistryContext);
