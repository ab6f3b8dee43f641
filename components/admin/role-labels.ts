/** How roles are named on admin screens (a plain module so server and client components share it). */
export const ROLE_LABEL = { referrer: "Referring clinician", specialist: "Dermatologist", admin: "Administrator" } as const;
