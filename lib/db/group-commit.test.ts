import { describe, expect, it } from "vitest";
import { GroupCommit } from "./group-commit";

/** A writer that logs its calls and finishes each when told, so a test decides what arrives meanwhile. */
function recordingWriter(failing: (item: number) => boolean = () => false) {
  const calls: string[] = [];
  const pending: (() => void)[] = [];
  const finishLater = () => new Promise<void>((resolve) => pending.push(resolve));
  const writer = new GroupCommit<number>({
    all: async (items) => {
      calls.push(`all ${items.join(",")}`);
      await finishLater();
      if (items.some(failing)) throw new Error("one of them failed");
    },
    one: async (item) => {
      calls.push(`one ${item}`);
      await finishLater();
      if (failing(item)) throw new Error(`${item} failed`);
    },
  });
  const finishAll = async () => {
    while (pending.length > 0) {
      pending.shift()!();
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  return { writer, calls, finishAll };
}

describe("GroupCommit", () => {
  it("writes a lone item at the end of the event loop's turn, by itself", async () => {
    const { writer, calls, finishAll } = recordingWriter();
    const written = writer.write(1);
    expect(calls).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls).toEqual(["one 1"]);
    await finishAll();
    await expect(written).resolves.toBeUndefined();
  });

  it("writes the items of one turn together, then those that arrived during that write, in arrival order", async () => {
    const { writer, calls, finishAll } = recordingWriter();
    const written = [writer.write(1), writer.write(2)];
    await new Promise((resolve) => setImmediate(resolve));
    written.push(writer.write(3), writer.write(4), writer.write(5));
    await finishAll();
    await Promise.all(written);
    expect(calls).toEqual(["all 1,2", "all 3,4,5"]);
  });

  it("writes a failed group again one by one: only the bad item's caller hears of it", async () => {
    const { writer, calls, finishAll } = recordingWriter((item) => item === 3);
    const written = [1, 2, 3].map((item) => writer.write(item).then(() => "written", (error: Error) => error.message));
    await new Promise((resolve) => setImmediate(resolve));
    await finishAll();
    expect(await Promise.all(written)).toEqual(["written", "written", "3 failed"]);
    expect(calls).toEqual(["all 1,2,3", "one 1", "one 2", "one 3"]);
  });

  it("keeps each group to 64 items", async () => {
    const { writer, calls, finishAll } = recordingWriter();
    const written = Array.from({ length: 100 }, (_, item) => writer.write(item));
    await new Promise((resolve) => setImmediate(resolve));
    await finishAll();
    await Promise.all(written);
    expect(calls.map((call) => call.split(",").length)).toEqual([64, 36]);
  });
});
