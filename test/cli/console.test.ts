import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { runConsole } from "../../src/cli/console.ts";
import { plainStyle } from "../../src/cli/render.ts";
import { Library } from "../../src/library/library.ts";
import { silentLogger } from "../../src/library/log.ts";
import { bundledEmbedder, tempDir } from "../helpers/library.ts";

async function session(lines: string[]): Promise<string> {
  const library = await Library.open({ dataDir: await tempDir(), loadEmbedder: () => bundledEmbedder() });
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = "";
  output.on("data", (chunk) => {
    printed += chunk;
  });
  const done = runConsole(library, { input, output, interactive: false }, plainStyle, silentLogger);
  input.end(`${lines.join("\n")}\n`);
  await done;
  return printed;
}

describe("console (npm start without a token)", () => {
  it("GIVEN a first run THEN /ask what did McCain say answers at once from the sample story, ¶-cited, with the answer in bold", async () => {
    const out = await session(["/ask what did McCain say", "/quit"]);
    expect(out).toContain("**“An American president does not lead the Free World");
    expect(out).toMatch(/Trump congratulates Putin on election win, ¶12/);
  });

  it("answers /quotes, /article list, /help, plain questions, and explains unknown commands", async () => {
    const out = await session([
      "/quotes Putin",
      "/article list",
      "/help",
      "Skripal",
      "/frobnicate",
      "/quit",
      "/ask never reached",
    ]);
    expect(out).toMatch(/Putin is mentioned in 1 article but never quoted directly/);
    expect(out).toContain("no desire for an arms race");
    expect(out).toMatch(/1 article:\n.*Trump congratulates Putin on election win \(sample\)/);
    expect(out).toContain("/article add <path|url>");
    expect(out).toMatch(/Sergei Skripal.*¶19/s);
    expect(out).toContain("Unknown command /frobnicate");
    expect(out).not.toContain("never reached");
  });

  it("shows a user error as a message and keeps going (removing a sample, adding a missing file)", async () => {
    const out = await session([
      "/article remove b3b4df9b0534",
      "/article add /no/such/file.txt",
      "/ask Skripal",
    ]);
    expect(out).toMatch(/bundled sample, which can't be removed/);
    expect(out).toMatch(/file\.txt/);
    expect(out).toContain("Skripal");
  });
});
