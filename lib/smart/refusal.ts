/**
 * Why a launch was refused. Reasons are fixed codes (shown to the person, written to the audit
 * log), never the EHR's own text, so nothing the EHR sends can reach a page or a log unfiltered.
 */
export const LAUNCH_REFUSALS = {
  unknown_iss: "This EHR is not registered with DermRelay. Ask your administrator to add it.",
  ehr_unavailable: "The EHR could not be reached. Try the launch again in a moment.",
  bad_state: "This sign-in link has expired or was already used. Start again from the EHR.",
  authorization_denied: "The EHR did not authorize DermRelay.",
  token_refused: "The EHR refused to issue a token for this launch.",
  bad_id_token: "The EHR's identity token could not be verified.",
  no_patient: "The EHR did not say which patient this launch is for. Open DermRelay from a patient's chart.",
  no_fhir_user: "The EHR did not say who is signed in.",
  expired: "This launch has expired. Start again from the EHR.",
  wrong_account: "This EHR account is linked to another DermRelay user.",
  not_a_referrer: "Only a referring clinician of the EHR's clinic can link this EHR account.",
  patient_unreadable: "The EHR's patient record could not be read or has no medical record number.",
  mrn_system_mismatch:
    "The EHR sent this patient's medical record number in a different identifier system from the one this clinic is set up with, so DermRelay cannot tell which of its patients this is. Nothing was created. Ask your DermRelay administrator to check the clinic's MRN identifier system, or your EHR team to send the MRN in that system.",
} as const;

export type LaunchRefusalReason = keyof typeof LAUNCH_REFUSALS;

export class LaunchRefused extends Error {
  /** `where.connectionId`: the EHR connection the refusal is about, when known (the audit row's resource). */
  constructor(
    readonly reason: LaunchRefusalReason,
    readonly where: { connectionId?: string } = {},
  ) {
    super(`SMART launch refused: ${reason}`);
    this.name = "LaunchRefused";
  }
}
