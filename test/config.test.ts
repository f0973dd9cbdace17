import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.ts";

describe("config", () => {
  it("GIVEN no settings THEN every key has its documented default", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      DATA_DIR: path.resolve("./data"),
      EMBEDDING_MODEL: "all-MiniLM-L6-v2",
      RERANKER: "off",
      MODEL_CHANGE: "reembed",
      SAMPLE_ARTICLES: true,
      ALLOW_PRIVATE_URLS: false,
      FETCH_TIMEOUT_MS: 15_000,
      LOG_LEVEL: "info",
    });
    expect(config.DISCORD_TOKEN).toBeUndefined();
  });

  it("treats empty values (KEY= in .env) as unset", () => {
    expect(loadConfig({ DATA_DIR: "", SHARDS: " ", DISCORD_TOKEN: "" })).toMatchObject({
      DATA_DIR: path.resolve("./data"),
    });
  });

  it("parses booleans, numbers and shard counts", () => {
    const config = loadConfig({
      SAMPLE_ARTICLES: "false",
      ALLOW_PRIVATE_URLS: "yes",
      FETCH_TIMEOUT_MS: "2000",
      SHARDS: "auto",
    });
    expect(config).toMatchObject({
      SAMPLE_ARTICLES: false,
      ALLOW_PRIVATE_URLS: true,
      FETCH_TIMEOUT_MS: 2000,
      SHARDS: "auto",
    });
    expect(loadConfig({ SHARDS: "3" }).SHARDS).toBe(3);
  });

  it("refuses bad values with one message naming every bad key", () => {
    let error: unknown;
    try {
      loadConfig({
        SAMPLE_ARTICLES: "maybe",
        FETCH_TIMEOUT_MS: "-5",
        DISCORD_CLIENT_ID: "abc",
        LOG_LEVEL: "loud",
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    for (const key of ["SAMPLE_ARTICLES", "FETCH_TIMEOUT_MS", "DISCORD_CLIENT_ID", "LOG_LEVEL"])
      expect(message).toContain(key);
    expect(message).toContain('"maybe"');
  });

  it("DISCORD_API_URL (tests only) is unset by default and must be an http(s) base URL", () => {
    expect(loadConfig({}).DISCORD_API_URL).toBeUndefined();
    expect(loadConfig({ DISCORD_API_URL: "http://127.0.0.1:4000/api/" }).DISCORD_API_URL).toBe(
      "http://127.0.0.1:4000/api",
    );
    for (const bad of ["not a url", "ftp://127.0.0.1/api", "http://127.0.0.1/api?x=1"])
      expect(() => loadConfig({ DISCORD_API_URL: bad }), bad).toThrow(/DISCORD_API_URL/);
  });

  it("SHARD_LIST names this host's shards out of a numeric SHARDS total", () => {
    expect(loadConfig({ SHARDS: "4", SHARD_LIST: "2, 0" }).SHARD_LIST).toEqual([0, 2]);
    expect(() => loadConfig({ SHARD_LIST: "0,1" })).toThrow(/SHARD_LIST: needs SHARDS/);
    expect(() => loadConfig({ SHARDS: "auto", SHARD_LIST: "0" })).toThrow(/SHARD_LIST: needs SHARDS/);
    expect(() => loadConfig({ SHARDS: "2", SHARD_LIST: "1,2" })).toThrow(/2 is out of range/);
    expect(() => loadConfig({ SHARDS: "2", SHARD_LIST: "0,0" })).toThrow(/twice/);
    expect(() => loadConfig({ SHARDS: "2", SHARD_LIST: "one" })).toThrow(/SHARD_LIST/);
  });
});
