/**
 * Preloaded (NODE_OPTIONS=--import) into every bot process the end-to-end suite starts, and so into
 * the shard processes they fork: a connection to anything but loopback is refused and reported on
 * stderr as "NETWORK BLOCKED", which the specs assert never appears. The in-process guard
 * (test/setup/no-network.ts) cannot see into child processes; this is its counterpart there.
 */
import net from "node:net";

const isLoopback = (host) => {
  if (!host) return true;
  const h = String(host)
    .replace(/^\[|\]$/g, "")
    .toLowerCase();
  return h === "localhost" || h === "::1" || h.startsWith("127.") || h === "::ffff:127.0.0.1";
};

const originalConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function loopbackOnly(...args) {
  const [first, second] = args;
  let host;
  if (first && typeof first === "object" && !Array.isArray(first))
    host = first.path ? "localhost" : first.host;
  else if (typeof first === "string" && !/^\d+$/.test(first)) host = "localhost";
  else host = typeof second === "string" ? second : undefined;
  if (!isLoopback(host)) {
    process.stderr.write(`NETWORK BLOCKED: tried ${host}\n`);
    throw new Error(`network access is blocked in the end-to-end suite (tried ${host})`);
  }
  return originalConnect.apply(this, args);
};
