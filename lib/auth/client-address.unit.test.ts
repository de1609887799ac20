import { beforeAll, describe, expect, it } from "vitest";
import { clientAddress, markPeerAddressHeaderTrusted, normaliseAddress, PEER_ADDRESS_HEADER, UNKNOWN_ADDRESS } from "./client-address";

const headers = (h: Record<string, string>) => new Headers(h);

describe("the client address for throttling", () => {
  it("is 'unknown' for everyone, never a header value, when the app is not served by Sovra's web server", () => {
    // Nothing marked the peer header as written by the server: a client could have sent it.
    expect(clientAddress(headers({ [PEER_ADDRESS_HEADER]: "203.0.113.7", "x-forwarded-for": "198.51.100.1" }), 0)).toBe(UNKNOWN_ADDRESS);
  });

  describe("served by Sovra's web server", () => {
    beforeAll(() => markPeerAddressHeaderTrusted());

    it("with no trusted proxy, is the socket's peer whatever X-Forwarded-For or X-Real-IP say", () => {
      for (let i = 0; i < 5; i++) {
        expect(clientAddress(headers({ [PEER_ADDRESS_HEADER]: "192.0.2.10", "x-forwarded-for": `203.0.113.${i}`, "x-real-ip": `198.51.100.${i}` }), 0)).toBe("192.0.2.10");
      }
    });

    it("with n trusted proxies, is the n-th X-Forwarded-For entry from the right", () => {
      const h = headers({ [PEER_ADDRESS_HEADER]: "10.0.0.3", "x-forwarded-for": "6.6.6.6, 203.0.113.9, 10.0.0.2" });
      expect(clientAddress(h, 1)).toBe("10.0.0.2");
      expect(clientAddress(h, 2)).toBe("203.0.113.9");
      expect(clientAddress(h, 3)).toBe("6.6.6.6");
    });

    it("with more trusted proxies than entries, takes the leftmost entry; with none, the peer", () => {
      expect(clientAddress(headers({ [PEER_ADDRESS_HEADER]: "10.0.0.3", "x-forwarded-for": "203.0.113.9" }), 2)).toBe("203.0.113.9");
      expect(clientAddress(headers({ [PEER_ADDRESS_HEADER]: "10.0.0.3" }), 1)).toBe("10.0.0.3");
    });

    it("turns a garbage entry from a trusted proxy into 'unknown', never into its text", () => {
      expect(clientAddress(headers({ [PEER_ADDRESS_HEADER]: "10.0.0.3", "x-forwarded-for": "<script>, 10.0.0.2" }), 2)).toBe(UNKNOWN_ADDRESS);
      expect(clientAddress(headers({ [PEER_ADDRESS_HEADER]: "not an address" }), 0)).toBe(UNKNOWN_ADDRESS);
      expect(clientAddress(undefined, 0)).toBe(UNKNOWN_ADDRESS);
      expect(clientAddress(undefined, 1)).toBe(UNKNOWN_ADDRESS);
    });
  });
});

describe("normaliseAddress", () => {
  it.each([
    ["192.0.2.7", "192.0.2.7"],
    ["::ffff:192.0.2.7", "192.0.2.7"],
    ["2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"],
    ["2001:0db8:0001:0002::9", "2001:db8:1:2::/64"],
    ["2001:db8::1", "2001:db8:0:0::/64"],
    ["[2001:db8:1:2::1]:443", "2001:db8:1:2::/64"],
    ["::1", "0:0:0:0::/64"],
    ["999.1.1.1", null],
    ["", null],
    [" 192.0.2.7 ", "192.0.2.7"],
    ["::ffff:10.20.30.40", "10.20.30.40"],
    ["1::ffff:192.0.2.7", "1:0:0:0::/64"],
    ["[2001:db8::1", null],
    ["2001:db8::1]", null],
    ["::2:3:4:5:6:1.2.3.4", "0:2:3:4::/64"],
    ["1::3:4:5:6:1.2.3.4", "1:0:3:4::/64"],
  ])("%s is bucketed as %s", (raw, expected) => {
    expect(normaliseAddress(raw)).toBe(expected);
  });

  it("puts every address of one IPv6 /64 into one bucket", () => {
    expect(normaliseAddress("2001:db8:aa:bb:1::1")).toBe(normaliseAddress("2001:db8:aa:bb:ffff:ffff:ffff:ffff"));
    expect(normaliseAddress("2001:db8:aa:bb::1")).not.toBe(normaliseAddress("2001:db8:aa:bc::1"));
  });
});
