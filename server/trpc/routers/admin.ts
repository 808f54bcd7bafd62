import { removeOfficePhone, setOfficePhone } from "../../admin/office-phones";
import { officePhoneInput, personRefInput } from "../../admin/admin.schemas";
import { router } from "../init";
import { adminProcedure } from "../procedures";

/** Administrators: office phone numbers (more of the admin console comes with the helpdesk issue). */
export const adminRouter = router({
  setOfficePhone: adminProcedure.input(officePhoneInput).mutation(({ ctx, input }) => setOfficePhone(ctx.session, input, ctx.request)),
  removeOfficePhone: adminProcedure.input(personRefInput).mutation(({ ctx, input }) => removeOfficePhone(ctx.session, input, ctx.request)),
});
