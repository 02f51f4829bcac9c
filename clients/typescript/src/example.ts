// What docs/clients.md shows, type-checked with the client (`tsc --strict`).
import { createKbaseClient, type Problem } from "./index.ts";

export async function example(baseUrl: string, token: string): Promise<string[]> {
  const kbase = createKbaseClient(baseUrl, { token });
  const { data: page } = await kbase.GET("/api/v1/facts/", {
    params: { query: { lang: "ko", topic: ["immigration"], page_size: 10 } },
  });
  const titles = (page?.results ?? []).map((fact) => fact.text ?? "");

  const first = page?.results?.[0];
  if (first?.id) {
    const { data: fact, response } = await kbase.GET("/api/v1/facts/{id}/", {
      params: { path: { id: first.id } },
    });
    const etag = response.headers.get("ETag") ?? "";
    const { error } = await kbase.PATCH("/api/v1/facts/{id}/", {
      params: { path: { id: first.id }, header: { "If-Match": etag } },
      body: { text_en: `${fact?.text ?? ""} (checked)` },
    });
    if (error) {
      const problem: Problem = error;
      if (problem.code === "stale_version") titles.push("reload and try again");
    }
  }
  return titles;
}
