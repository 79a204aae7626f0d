import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { singleErrorResponse } from "./responses";
import { createSandbox } from "./sandbox";
import type { Sandbox, SandboxOptions, SandboxRequest, SandboxResponse } from "./types";

/** Above Userpilot's 50 MB bulk limit, so the sandbox's own rules decide what a large body gets. */
export const DEFAULT_MAX_BODY_BYTES = 60 * 1024 * 1024;

export type SandboxServerOptions = SandboxOptions & {
  port: number;
  host: string;
  maxBodyBytes?: number;
  /** One line per request (method, path, status, time, request id; never headers). Silent by default. */
  log?: (line: string) => void;
};

export type SandboxServer = {
  /** e.g. "http://127.0.0.1:4010", with the real port when started on port 0. */
  url: string;
  sandbox: Sandbox;
  close(): Promise<void>;
};

export async function startSandboxServer(options: SandboxServerOptions): Promise<SandboxServer> {
  const { port, host, maxBodyBytes = DEFAULT_MAX_BODY_BYTES, log = () => {}, ...sandboxOptions } = options;
  const sandbox = createSandbox(sandboxOptions);

  const server = createServer((req, res) => {
    const startedAt = Date.now();
    void answer(sandbox, req, res, maxBodyBytes).then((response) => {
      const requestId = response.headers["x-request-id"] ?? "-";
      log(`${req.method} ${req.url} -> ${response.status} ${Date.now() - startedAt}ms ${requestId}`);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });

  const address = server.address() as AddressInfo;
  const hostForUrl = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    url: `http://${hostForUrl}:${address.port}`,
    sandbox,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Scripted hangs would otherwise hold the server open for minutes.
        server.closeAllConnections();
      }),
  };
}

async function answer(
  sandbox: Sandbox,
  req: IncomingMessage,
  res: ServerResponse,
  maxBodyBytes: number,
): Promise<SandboxResponse> {
  const body = await readBody(req, maxBodyBytes);
  if (body === undefined) {
    const tooLarge = singleErrorResponse(
      413,
      "payload_too_large",
      `The request body is over ${maxBodyBytes} bytes`,
    );
    send(res, { ...tooLarge, headers: { ...tooLarge.headers, connection: "close" } });
    res.once("finish", () => req.destroy());
    return tooLarge;
  }
  const response = await sandbox.handle(toSandboxRequest(req, body));
  send(res, response);
  return response;
}

/** The body as text, or undefined when it is larger than allowed. */
function readBody(req: IncomingMessage, maxBytes: number): Promise<string | undefined> {
  if (Number(req.headers["content-length"] ?? 0) > maxBytes) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        req.removeAllListeners("data");
        req.pause();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function toSandboxRequest(req: IncomingMessage, body: string): SandboxRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return { method: req.method ?? "GET", path: req.url ?? "/", headers, body };
}

function send(res: ServerResponse, response: SandboxResponse): void {
  // A client that gave up (a scripted hang, say) has no one left to answer.
  if (res.destroyed || res.writableEnded) return;
  res.writeHead(response.status, response.headers);
  res.end(response.body);
}
