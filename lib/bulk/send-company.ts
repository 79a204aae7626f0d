import "server-only";
import type { IdentifyFormValues } from "@/lib/identify/schema";
import type { SendOutcome } from "@/lib/outcome/schema";
import { forwardToUserpilot, type SendContext } from "@/lib/sending/forward-to-userpilot";
import type { CompanyFormValues } from "./company-values";

/** A company seen as the form's values, for the history's redaction and field mapping. */
export function companyAsForm(values: CompanyFormValues): IdentifyFormValues {
  return { userId: "", properties: [], companyId: values.companyId, companyProperties: values.companyProperties };
}

/** Identify Company: recorded like a single send (pending first, then the outcome), any 2xx is success. */
export function sendIdentifyCompany(values: CompanyFormValues, context: SendContext): Promise<SendOutcome> {
  return forwardToUserpilot(companyAsForm(values), { ...context, identifies: "company" });
}
