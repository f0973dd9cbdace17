/**
 * Tests never touch the network: the Hugging Face hub is unreachable here and in CI, and a test that
 * silently depends on it would pass on a laptop and fail in CI. Every outbound connection that is not
 * loopback is refused *and* recorded, and the test that tried it fails in afterEach — even when the
 * code under test caught the error (a model loader falling back, say).
 */
import net from "node:net";
import { afterEach } from "vitest";

const attempts: string[] = [];

function isLoopback(host: string | undefined): boolean {
  if (!host) return true; // net defaults to localhost
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  return h === "localhost" || h === "::1" || h.startsWith("127.") || h === "::ffff:127.0.0.1";
}

function hostOf(args: unknown[]): string | undefined {
  const [first, second] = args;
  if (first && typeof first === "object" && !Array.isArray(first)) {
    const options = first as { host?: string; path?: string };
    if (options.path) return "localhost"; // IPC socket
    return options.host;
  }
  if (typeof first === "string" && !/^\d+$/.test(first)) return "localhost"; // IPC path
  return typeof second === "string" ? second : undefined;
}

const originalConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(this: net.Socket, ...args: unknown[]) {
  const host = hostOf(args);
  if (!isLoopback(host)) {
    attempts.push(String(host));
    throw new Error(`network access is blocked in tests (tried ${host})`);
  }
  return (originalConnect as (...a: unknown[]) => net.Socket).apply(this, args);
} as typeof net.Socket.prototype.connect;

const originalFetch = globalThis.fetch;
globalThis.fetch = async (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
  const url = new URL(typeof input === "string" || input instanceof URL ? input : input.url);
  if (!isLoopback(url.hostname)) {
    attempts.push(url.href);
    throw new TypeError(`fetch failed: network access is blocked in tests (tried ${url.href})`);
  }
  return originalFetch(input, init);
};

afterEach(() => {
  if (attempts.length > 0) {
    const tried = attempts.splice(0).join(", ");
    throw new Error(`this test tried to reach the network: ${tried}`);
  }
});
