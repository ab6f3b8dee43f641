"use client";
/**
 * On the sign-in page — where sign-out, idle logoff and "sign out everywhere" all land — remove what
 * the last user left on this device: photos kept offline, their key, the cached offline shell
 * (offline-store.ts `forgetDevice`). The next person to sign in never sees them.
 */
import { useEffect } from "react";
import { forgetDevice } from "@/components/cases/wizard/offline-store";

export function ForgetDevice() {
  useEffect(() => {
    void forgetDevice();
  }, []);
  return null;
}
