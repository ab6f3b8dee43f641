import { redirect } from "next/navigation";
import { currentActor, HOME_BY_ROLE } from "@/lib/auth/page";

export const dynamic = "force-dynamic";

/** The root sends each signed-in role to its home, everyone else to sign-in. */
export default async function Root() {
  const actor = await currentActor();
  redirect(actor ? HOME_BY_ROLE[actor.role] : "/sign-in");
}
