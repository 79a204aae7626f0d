import http from "node:http";
import type net from "node:net";

export type LocalServer = { url: string; close(): Promise<void> };

/**
 * An HTTP server on 127.0.0.1 at a free port that `close()` stops at once, open connections (keep-alive,
 * hanging answers) included.
 */
export async function listenLocally(
  handler: http.RequestListener,
  onClose: () => void = () => {},
): Promise<LocalServer> {
  const sockets = new Set<net.Socket>();
  const server = http.createServer(handler);
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        onClose();
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
