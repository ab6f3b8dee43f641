/**
 * Age in completed years from a calendar birth date. Triage rules depend on age ≥ 50, so the
 * birthday boundary must be exact; it is judged on the UTC calendar date of the instant given.
 */

/**
 * Completed years between `birthDate` (YYYY-MM-DD) and the UTC calendar date of `at`.
 * Throws a RangeError for a malformed date (patients are validated on creation, so this is a bug).
 */
export function ageInYears(birthDate: string, at: Date): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate);
  if (!m) throw new RangeError("birthDate must be YYYY-MM-DD");
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const atMonth = at.getUTCMonth() + 1;
  const atDay = at.getUTCDate();
  const hadBirthday = atMonth > month || (atMonth === month && atDay >= day);
  return at.getUTCFullYear() - year - (hadBirthday ? 0 : 1);
}
