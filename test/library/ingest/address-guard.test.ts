import { describe, expect, it } from "vitest";
import { forbiddenReason } from "../../../src/library/ingest/address-guard.ts";

describe("forbiddenReason (the SSRF address policy)", () => {
  it.each(["8.8.8.8", "93.184.216.34", "1.1.1.1", "2606:4700:4700::1111", "2a00:1450:4001:82a::200e"])(
    "lets the public address %s through",
    (address) => {
      expect(forbiddenReason(address)).toBeUndefined();
    },
  );

  it.each([
    ["127.0.0.1", "loopback"],
    ["127.255.255.254", "loopback"],
    ["::1", "loopback"],
    ["10.0.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.0.1", "private"],
    ["100.64.0.1", "carrier-grade NAT"],
    ["169.254.169.254", "link-local"],
    ["fe80::1", "link-local"],
    ["fd12:3456::1", "unique-local"],
    ["fc00::1", "unique-local"],
    ["224.0.0.251", "multicast"],
    ["ff02::1", "multicast"],
    ["0.0.0.0", "unspecified"],
    ["::", "unspecified"],
    ["255.255.255.255", "broadcast"],
    ["192.0.2.10", "reserved"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:10.0.0.1", "private"],
    ["::ffff:169.254.169.254", "link-local"],
    ["::7f00:1", "IPv4-compatible"],
    ["::127.0.0.1", "loopback"], // ipaddr.js reads dotted IPv6 tails as IPv4-mapped
    ["64:ff9b::7f00:1", "rfc6052"],
    ["2002:7f00:1::", "6to4"],
    ["2001:0:4136:e378:8000:63bf:3fff:fdd2", "teredo"],
  ])("refuses %s as %s", (address, reason) => {
    expect(forbiddenReason(address)).toContain(reason);
  });

  it("refuses something that is not an IP address at all", () => {
    expect(forbiddenReason("example.com")).toBe("not a valid IP address");
  });
});
