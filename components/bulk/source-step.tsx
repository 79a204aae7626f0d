"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { TextArea } from "@/components/ui/input";

export type SourceState =
  | { kind: "idle" }
  | { kind: "parsing"; name: string; fraction: number }
  | { kind: "error"; name: string; message: string }
  | { kind: "parsed"; name: string };

type Props = {
  state: SourceState;
  onFile: (file: File) => void;
  onText: (text: string) => void;
};

export function SourceStep({ state, onFile, onText }: Props) {
  const [text, setText] = useState("");
  const ids = { file: useId(), text: useId(), error: useId() };
  const busy = state.kind === "parsing";
  return (
    <Card title="1. Choose the file">
      <div className="grid gap-6 md:grid-cols-2">
        <Field id={ids.file} label="CSV file">
          <input
            id={ids.file}
            type="file"
            accept=".csv,.tsv,.txt,text/csv,text/plain,text/tab-separated-values"
            disabled={busy}
            aria-describedby={state.kind === "error" ? ids.error : undefined}
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = "";
              if (file) onFile(file);
            }}
            className="block w-full text-sm text-slate-700 file:mr-3 file:rounded-md file:border-0 file:bg-indigo-600 file:px-3 file:py-2 file:text-sm file:font-medium file:text-white hover:file:bg-indigo-500"
          />
          <p className="mt-2 text-xs text-slate-500">
            UTF-8 text, with or without a byte-order mark; comma, semicolon or tab between fields; the first row holds
            the column names.
          </p>
        </Field>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            onText(text);
          }}
        >
          <Field id={ids.text} label="CSV text">
            <TextArea
              id={ids.text}
              rows={4}
              value={text}
              disabled={busy}
              spellCheck={false}
              onChange={(event) => setText(event.target.value)}
              placeholder={"user_id,plan\nu_1,pro"}
              className="font-mono"
            />
          </Field>
          <Button type="submit" className="mt-2" disabled={busy || text.trim() === ""}>
            Read pasted text
          </Button>
        </form>
      </div>
      {state.kind === "parsing" && (
        <div className="mt-4 space-y-1" role="status">
          <p className="text-sm text-slate-700">Reading {state.name}… {Math.round(state.fraction * 100)}%</p>
          <progress
            aria-label="Reading progress"
            max={1}
            value={state.fraction}
            className="h-2 w-full overflow-hidden rounded-full [&::-webkit-progress-bar]:bg-slate-200 [&::-webkit-progress-value]:bg-indigo-600"
          />
        </div>
      )}
      {state.kind === "error" && (
        <p id={ids.error} role="alert" className="mt-4 rounded-md bg-rose-50 p-3 text-sm font-medium text-rose-800 ring-1 ring-rose-200">
          {state.name}: {state.message}
        </p>
      )}
    </Card>
  );
}
