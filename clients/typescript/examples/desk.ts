// A small fact desk for a browser app on another origin than kbase's: lists, searches,
// opens and edits facts through the generated client, and shows what kbase answered.
// tests/browser/test_cross_origin.py bundles it (esbuild) and drives it in Chromium;
// `tsc --strict` checks it with the client.
import { createKbaseClient, type Problem, type ProblemCode } from "../src/index.ts";

type Language = "ko" | "en";

/** What one step got: the status, and what the app could read of the answer. */
export interface Outcome {
  status: number; // 0 when the browser withheld the answer (CORS) or the network failed
  code?: ProblemCode;
  detail?: string;
  retryAfter?: number; // seconds, on a 429
  rateLimit?: string;
  language?: string; // Content-Language
  etag?: string;
  texts?: string[];
  ids?: string[];
}

export function createDesk(root: HTMLElement, baseUrl: string, token?: string) {
  const kbase = createKbaseClient(baseUrl, { token });
  const status = root.querySelector<HTMLElement>("#status")!;
  const facts = root.querySelector<HTMLElement>("#facts")!;
  const fact = root.querySelector<HTMLElement>("#fact")!;

  function show(list: HTMLElement, texts: string[]) {
    list.replaceChildren(...texts.map((text) => {
      const item = document.createElement("li");
      item.textContent = text;
      return item;
    }));
  }

  /** What every answer tells: the status, its problem, and when to come back. */
  function read(response: Response, error?: Problem): Outcome {
    const outcome: Outcome = { status: response.status };
    const retryAfter = response.headers.get("Retry-After");
    const rateLimit = response.headers.get("RateLimit");
    if (retryAfter) outcome.retryAfter = Number(retryAfter);
    if (rateLimit) outcome.rateLimit = rateLimit;
    if (error) {
      outcome.code = error.code;
      outcome.detail = error.detail;
      status.textContent = outcome.retryAfter
        ? `${error.detail} (${outcome.retryAfter} s)`
        : `${response.status} ${error.code}: ${error.detail}`;
    } else {
      status.textContent = String(response.status);
    }
    return outcome;
  }

  /** A step, with a refused or failed fetch reported rather than thrown. */
  async function step(run: () => Promise<Outcome>): Promise<Outcome> {
    try {
      return await run();
    } catch (failure) {
      status.textContent = `network: ${String(failure)}`;
      return { status: 0, detail: String(failure) };
    }
  }

  return {
    list: (lang: Language) => step(async () => {
      const { data, error, response } = await kbase.GET("/api/v1/facts/", {
        params: { query: { lang, page_size: 20 } },
      });
      const outcome = read(response, error);
      if (data) {
        outcome.texts = data.results.map((item) => item.text ?? "");
        outcome.language = response.headers.get("Content-Language") ?? undefined;
        show(facts, outcome.texts);
      }
      return outcome;
    }),

    search: (q: string, lang: Language) => step(async () => {
      const { data, error, response } = await kbase.GET("/api/v1/search/", {
        params: { query: { q, lang } },
      });
      const outcome = read(response, error);
      if (data) {
        outcome.ids = data.results.map((item) => item.id ?? "");
        outcome.texts = data.results.map((item) => item.text ?? "");
        show(facts, outcome.texts);
      }
      return outcome;
    }),

    open: (id: string, lang: Language) => step(async () => {
      const { data, error, response } = await kbase.GET("/api/v1/facts/{id}/", {
        params: { path: { id }, query: { lang } },
      });
      const outcome = read(response, error);
      if (data) {
        outcome.etag = response.headers.get("ETag") ?? undefined;
        outcome.texts = [data.text ?? ""];
        fact.textContent = data.text ?? "";
        fact.dataset.etag = outcome.etag;
      }
      return outcome;
    }),

    /** Saves `text_en` if the fact is still the version `etag` names. */
    edit: (id: string, etag: string, textEn: string) => step(async () => {
      const { data, error, response } = await kbase.PATCH("/api/v1/facts/{id}/", {
        params: { path: { id }, header: { "If-Match": etag } },
        body: { text_en: textEn },
      });
      const outcome = read(response, error);
      if (data) {
        outcome.etag = response.headers.get("ETag") ?? undefined;
        outcome.texts = [data.text_en ?? ""];
        fact.dataset.etag = outcome.etag;
      }
      return outcome;
    }),
  };
}

export type Desk = ReturnType<typeof createDesk>;
