// The kbase API client: openapi-fetch over the types openapi-typescript generated
// from kbase's schema (src/schema.ts, rewritten by `make clients`; do not edit it).
import createClient, { type ClientOptions } from "openapi-fetch";
import type { components, operations, paths } from "./schema.ts";

export type { components, operations, paths };
export type Fact = components["schemas"]["Fact"];
export type Problem = components["schemas"]["Problem"];
export type ProblemCode = components["schemas"]["ProblemCodeEnum"];

/** A client for the kbase at `baseUrl`; pass `token` to write. */
export function createKbaseClient(
  baseUrl: string,
  { token, ...options }: ClientOptions & { token?: string } = {},
) {
  const headers: Record<string, string> = {};
  if (token) headers.Authorization = `Token ${token}`;
  return createClient<paths>({ baseUrl, ...options, headers: { ...headers } });
}

export type KbaseClient = ReturnType<typeof createKbaseClient>;
