/**
 * For server-rendered pages: a service's "not found" (unknown id, another clinic's record) becomes
 * Next.js's 404 page; every other error propagates. Server components only.
 */
import { notFound } from "next/navigation";
import { isDomainError } from "../errors";

export function orNotFound<T>(load: Promise<T>): Promise<T> {
  return load.catch((e: unknown) => {
    if (isDomainError(e) && e.code === "not_found") notFound();
    throw e;
  });
}
