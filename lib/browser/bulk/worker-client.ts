import type { CheckSummary } from "@/lib/bulk/check";
import type { BulkMapping } from "@/lib/bulk/mapping";
import type { BulkJobPlan } from "@/lib/bulk/plan";
import type { ParsedSummary, WorkerRequest, WorkerResponse } from "@/lib/bulk/worker-protocol";

type Outcome<T> = { ok: true; value: T } | { ok: false; message: string };

/** The page's handle on its parsing worker: one request at a time, a newer one makes the older answer stale. */
export class BulkParser {
  private worker: Worker;
  private nextId = 0;
  private pending = new Map<number, { resolve: (message: WorkerResponse) => void; onProgress?: (fraction: number) => void }>();

  constructor() {
    this.worker = new Worker(new URL("./parse.worker.ts", import.meta.url), { type: "module" });
    this.worker.onmessage = (event: MessageEvent<WorkerResponse>) => {
      const message = event.data;
      const waiter = this.pending.get(message.id);
      if (!waiter) return;
      if (message.type === "progress") return waiter.onProgress?.(message.fraction);
      this.pending.delete(message.id);
      waiter.resolve(message);
    };
    this.worker.onerror = () => {
      for (const [id, waiter] of this.pending) {
        waiter.resolve({ type: "parsed", id, result: { ok: false, message: "The file reader stopped unexpectedly. Reload the page and try again." } });
      }
      this.pending.clear();
    };
  }

  async parse(input: { file: Blob } | { text: string }, onProgress?: (fraction: number) => void): Promise<Outcome<ParsedSummary>> {
    const message = await this.send({ type: "parse", id: this.id(), input }, onProgress);
    return message.type === "parsed" ? message.result : { ok: false, message: "The file reader answered out of turn." };
  }

  /** The job plan of the last check, built in the worker where its rows are. */
  async plan(environmentId: string, name: string): Promise<Outcome<BulkJobPlan>> {
    const message = await this.send({ type: "plan", id: this.id(), environmentId, name });
    return message.type === "planned" ? message.result : { ok: false, message: "The file reader answered out of turn." };
  }

  async check(mapping: BulkMapping): Promise<Outcome<CheckSummary>> {
    const message = await this.send({ type: "check", id: this.id(), mapping });
    return message.type === "checked" ? message.result : { ok: false, message: "The file reader answered out of turn." };
  }

  terminate(): void {
    this.worker.terminate();
    this.pending.clear();
  }

  private id(): number {
    this.nextId += 1;
    return this.nextId;
  }

  private send(request: WorkerRequest, onProgress?: (fraction: number) => void): Promise<WorkerResponse> {
    return new Promise((resolve) => {
      this.pending.set(request.id, { resolve, onProgress });
      this.worker.postMessage(request);
    });
  }
}
