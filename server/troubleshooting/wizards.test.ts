import { describe, expect, it } from "vitest";
import { methodPages } from "../verification/methods/registry";
import { stepLinks, WIZARDS, wizardStep } from "./wizards";

describe("wizard steps link to the methods' own pages through the registry", () => {
  it("every step's links resolve: each method page a step names is one the method has", () => {
    for (const wizard of Object.values(WIZARDS)) {
      for (const step of wizard.steps) expect(() => stepLinks(step), `${wizard.id} ${step.id}`).not.toThrow();
    }
  });

  it("after securing a lost phone: every method's page, the authenticator app first", () => {
    const links = stepLinks(wizardStep(WIZARDS["lost-phone"], "afterwards")!);
    expect(links.map((l) => ("page" in l ? l.page.href : l.action))).toEqual(methodPages().map((p) => p.href));
    expect(links[0]).toEqual({ page: expect.objectContaining({ href: "/security-info/authenticator", linkKey: "addAuthenticator", actionKey: "add_authenticator" }) });
  });

  it("a new device or travelling: the authenticator app's page; fixed actions stay as they are", () => {
    expect(stepLinks(wizardStep(WIZARDS["new-device"], "move")!)).toEqual([{ page: expect.objectContaining({ actionKey: "add_authenticator" }) }, { action: "security_info" }]);
    expect(stepLinks(wizardStep(WIZARDS.travelling, "plan")!)).toEqual([{ page: expect.objectContaining({ href: "/security-info/authenticator" }) }]);
  });
});
