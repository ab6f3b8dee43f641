"use server";
/** Server actions of the users screens: the same endpoints as /api/v1/users. */
import { revalidatePath } from "next/cache";
import { inviteUserEndpoint, resendInviteEndpoint, updateUserEndpoint } from "@/lib/endpoints/admin";
import { serverAction } from "@/lib/http/action";

const str = (form: FormData, k: string) => String(form.get(k) ?? "");
const roleAndClinic = (f: FormData) => {
  const role = str(f, "role");
  return { role, clinicId: role === "referrer" ? str(f, "clinicId") || null : null };
};
const revalidateUser = (id: string) => {
  revalidatePath("/admin/users");
  revalidatePath(`/admin/users/${id}`);
};

const invite = serverAction(inviteUserEndpoint, {
  input: (f) => ({ email: str(f, "email"), name: str(f, "name"), ...roleAndClinic(f) }),
  after: () => revalidatePath("/admin/users"),
});
const update = serverAction(updateUserEndpoint, {
  input: (f) => ({ id: str(f, "id"), body: { name: str(f, "name"), ...roleAndClinic(f) } }),
  after: (_d, { id }) => revalidateUser(id),
});
const setActive = serverAction(updateUserEndpoint, {
  input: (f) => ({ id: str(f, "id"), body: { active: str(f, "active") === "true" } }),
  after: (_d, { id }) => revalidateUser(id),
});
const resend = serverAction(resendInviteEndpoint, { input: (f) => ({ id: str(f, "id") }), after: (_d, { id }) => revalidatePath(`/admin/users/${id}`) });

export async function inviteUserAction(...args: Parameters<typeof invite>) {
  return invite(...args);
}

export async function updateUserAction(...args: Parameters<typeof update>) {
  return update(...args);
}

export async function setActiveAction(...args: Parameters<typeof setActive>) {
  return setActive(...args);
}

export async function resendInviteAction(...args: Parameters<typeof resend>) {
  return resend(...args);
}
