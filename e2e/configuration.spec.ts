import path from "node:path";
import { expect, test } from "./support/fixtures";
import { makeTempDir, removeTempDir, startAppServer } from "./support/app-server";

test("a bad configuration stops the server at start with a message naming the variable", async () => {
  const dir = makeTempDir("config");
  try {
    const failure = await startAppServer({
      databaseFile: path.join(dir, "db.sqlite"),
      env: { USERPILOT_REGION: "mars" },
    }).then(
      async (server) => {
        await server.stop();
        return "the server started";
      },
      (error: unknown) => String(error),
    );
    expect(failure).toContain("exited before it was ready");
    expect(failure).toContain("USERPILOT_REGION");
    expect(failure).toContain("must be one of: us, eu");
  } finally {
    removeTempDir(dir);
  }
});
