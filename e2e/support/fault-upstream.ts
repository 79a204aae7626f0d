import { listenLocally } from "./local-server";

/**
 * A tiny upstream for the faults the standalone sandbox cannot script: it can only delay or withhold a
 * whole answer, not send headers and then trickle the body, nor reset the connection. A separately
 * started app (support/app-server.ts) is pointed at this with USERPILOT_API_URL.
 */
export type Fault =
  /** 202 headers at once, then one byte of body every `everyMs`, for ever. */
  | { kind: "slow-body"; everyMs: number }
  /** A TCP reset (RST) as soon as the request has arrived. */
  | { kind: "reset" }
  /** 202 headers and half a body, then a TCP reset. */
  | { kind: "reset-mid-body" }
  /** A normal 202. */
  | { kind: "accept" };

export type FaultUpstream = {
  url: string;
  /** How the next requests are answered. */
  set(fault: Fault): void;
  /** Bodies received since the last `set`. */
  received(): string[];
  close(): Promise<void>;
};

export async function startFaultUpstream(): Promise<FaultUpstream> {
  let fault: Fault = { kind: "accept" };
  let received: string[] = [];
  const timers = new Set<NodeJS.Timeout>();

  const server = await listenLocally(
    (req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        received.push(Buffer.concat(chunks).toString("utf8"));
        switch (fault.kind) {
          case "accept":
            res.writeHead(202, { "content-type": "application/json", "x-request-id": "fault_accept" });
            res.end("{}");
            return;
          case "reset":
            req.socket.resetAndDestroy();
            return;
          case "reset-mid-body":
            res.writeHead(202, { "content-type": "application/json", "x-request-id": "fault_mid_body" });
            res.write('{"status":"queu');
            setTimeout(() => req.socket.resetAndDestroy(), 50);
            return;
          case "slow-body": {
            res.writeHead(202, { "content-type": "application/json", "x-request-id": "fault_slow_body" });
            res.write("{");
            const timer = setInterval(() => {
              if (res.destroyed) {
                clearInterval(timer);
                timers.delete(timer);
                return;
              }
              res.write(" ");
            }, fault.everyMs);
            timers.add(timer);
            return;
          }
        }
      });
    },
    () => {
      for (const timer of timers) clearInterval(timer);
    },
  );

  return {
    url: server.url,
    set(next) {
      fault = next;
      received = [];
    },
    received: () => [...received],
    close: server.close,
  };
}
