import { describe, expect, it } from "vitest";
import { identityCheckRefusal } from "./identity-checks";

describe("when an identity check may stand in for caller verification", () => {
  it("never while a code can reach the person, unless the phone is recorded lost", () => {
    expect(identityCheckRefusal({ identityCheck: "in_person_id", phoneLost: false, verificationTargets: 1 })).toBe("HELPDESK_IDENTITY_CHECK_NOT_ALLOWED");
    expect(identityCheckRefusal({ identityCheck: "manager_confirmed", phoneLost: false, verificationTargets: 2 })).toBe("HELPDESK_IDENTITY_CHECK_NOT_ALLOWED");
    expect(identityCheckRefusal({ identityCheck: "in_person_id", phoneLost: true, verificationTargets: 1 })).toBeNull();
  });

  it("phone lost or compromised: only in person, never by a manager's confirmation", () => {
    expect(identityCheckRefusal({ identityCheck: "manager_confirmed", phoneLost: true, verificationTargets: 1 })).toBe("HELPDESK_IN_PERSON_ONLY");
    expect(identityCheckRefusal({ identityCheck: "manager_confirmed", phoneLost: true, verificationTargets: 0 })).toBe("HELPDESK_IN_PERSON_ONLY");
  });

  it("no verification target: either check", () => {
    expect(identityCheckRefusal({ identityCheck: "in_person_id", phoneLost: false, verificationTargets: 0 })).toBeNull();
    expect(identityCheckRefusal({ identityCheck: "manager_confirmed", phoneLost: false, verificationTargets: 0 })).toBeNull();
  });
});
