import { removeOfficePhone, setOfficePhone } from "../../admin/office-phones";
import { decideAdminApproval } from "../../admin/admin-approvals";
import { decideAdminApprovalInput, officePhoneInput, personRefInput } from "../../admin/admin.schemas";
import { createPerson, importPeople, setDisabled, setManager, setRole } from "../../admin/people-admin";
import { importPeopleInput, newPersonInput, setDisabledInput, setManagerInput, setRoleInput } from "../../admin/people.schemas";
import { router } from "../init";
import { adminProcedure } from "../procedures";

/**
 * Administrators: people (create, import, disable, roles, managers), office phone numbers, and the
 * second administrator's answer to a change that needs four eyes. Every mutation needs a fresh
 * second factor (adminProcedure).
 */
export const adminRouter = router({
  setOfficePhone: adminProcedure.input(officePhoneInput).mutation(({ ctx, input }) => setOfficePhone(ctx.session, input, ctx.request)),
  removeOfficePhone: adminProcedure.input(personRefInput).mutation(({ ctx, input }) => removeOfficePhone(ctx.session, input, ctx.request)),
  createPerson: adminProcedure.input(newPersonInput).mutation(({ ctx, input }) => createPerson(ctx.session, input, ctx.request)),
  importPeople: adminProcedure.input(importPeopleInput).mutation(({ ctx, input }) => importPeople(ctx.session, input, ctx.request)),
  setDisabled: adminProcedure.input(setDisabledInput).mutation(({ ctx, input }) => setDisabled(ctx.session, input, ctx.request)),
  setRole: adminProcedure.input(setRoleInput).mutation(({ ctx, input }) => setRole(ctx.session, input, ctx.request)),
  setManager: adminProcedure.input(setManagerInput).mutation(({ ctx, input }) => setManager(ctx.session, input, ctx.request)),
  decideApproval: adminProcedure.input(decideAdminApprovalInput).mutation(({ ctx, input }) => decideAdminApproval(ctx.session, input, ctx.request)),
});
