import type { Client } from "../fixtures";
import { HelpdeskTicketPage } from "../pages/HelpdeskTicketPage";
import { SignInPage } from "../pages/SignInPage";
import { DEMO_PASSWORD } from "./demo";

/** A helpdesk agent in a browser of their own, signed in, on the ticket's page. */
export async function openTicketAsAgent(newClient: () => Promise<Client>, username: string, reference: string): Promise<{ agent: Client; ticket: HelpdeskTicketPage }> {
  const agent = await newClient();
  const signIn = new SignInPage(agent.page);
  await signIn.goto("nl");
  await signIn.signInAs(username, DEMO_PASSWORD);
  const ticket = new HelpdeskTicketPage(agent.page, "nl");
  await ticket.goto(reference);
  return { agent, ticket };
}
