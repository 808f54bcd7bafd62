import { describe, expect, it } from "vitest";
import { cookieName } from "../http/cookies";
import { knownDeviceCookie, knownDeviceFor, readKnownDevice } from "./known-device";

/** The Cookie header a browser sends back after `setCookie`. */
const sentBack = (setCookie: string) => setCookie.split(";")[0]!;

describe("the known-device cookie", () => {
  it("names the accounts it signed in to by an opaque value, never the username; httpOnly and long-lived", () => {
    const setCookie = knownDeviceCookie(null, "anna");
    expect(setCookie.startsWith(`${cookieName("device")}=`)).toBe(true);
    expect(setCookie).not.toContain("anna");
    expect(setCookie).toContain("HttpOnly");
    expect(setCookie).toMatch(/Max-Age=34560000/);
    expect(knownDeviceFor(sentBack(setCookie), "anna")).not.toBeNull();
    expect(knownDeviceFor(sentBack(setCookie), "noor")).toBeNull();
  });

  it("keeps one device ID and at most the five newest accounts", () => {
    let header = sentBack(knownDeviceCookie(null, "anna"));
    const deviceId = readKnownDevice(header)!.deviceId;
    for (const name of ["b", "c", "d", "e", "f"]) header = sentBack(knownDeviceCookie(header, name));
    expect(readKnownDevice(header)!.deviceId).toBe(deviceId);
    expect(readKnownDevice(header)!.accounts).toHaveLength(5);
    expect(knownDeviceFor(header, "f")).toBe(deviceId);
    expect(knownDeviceFor(header, "anna")).toBeNull();
  });

  it("a changed or made-up cookie is not believed", () => {
    const header = sentBack(knownDeviceCookie(null, "anna"));
    const [name, value] = [header.slice(0, header.indexOf("=")), decodeURIComponent(header.slice(header.indexOf("=") + 1))];
    const [version, deviceId, accounts, signature] = value.split(".");
    const other = decodeURIComponent(sentBack(knownDeviceCookie(null, "noor")).split("=")[1]!).split(".")[2];
    expect(readKnownDevice(`${name}=${encodeURIComponent([version, deviceId, `${accounts}~${other}`, signature].join("."))}`)).toBeNull();
    expect(readKnownDevice(`${name}=${encodeURIComponent([version, "another-device", accounts, signature].join("."))}`)).toBeNull();
    expect(readKnownDevice(`${name}=${encodeURIComponent([version, deviceId, accounts].join("."))}`)).toBeNull();
    expect(readKnownDevice(`${name}=garbage`)).toBeNull();
    expect(readKnownDevice(null)).toBeNull();
  });
});
