import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  FRAME_ERRORS, INPUT_CHUNK_CHARS, MAX_FRAME_BYTES, MAX_INPUT_CHARS, decodeClientMessage, decodeServerMessage, encodeClientMessage,
  encodeServerMessage, frameCost, progressOf, splitInput, wellFormed,
} from "./messages.js";

describe("decodeClientMessage", () => {
  it("accepts the three client frames and keeps only their known fields", () => {
    expect(decodeClientMessage('{"type":"input","data":"ls\\r","extra":1}')).toEqual({ ok: true, message: { type: "input", data: "ls\r" } });
    expect(decodeClientMessage('{"type":"resize","cols":120,"rows":40,"x":[]}')).toEqual({ ok: true, message: { type: "resize", cols: 120, rows: 40 } });
    expect(decodeClientMessage('{"type":"check","steps":"all"}')).toEqual({ ok: true, message: { type: "check" } });
  });

  it("checks sizes at the edges", () => {
    const size = (cols: unknown, rows: unknown) => decodeClientMessage(JSON.stringify({ type: "resize", cols, rows })).ok;
    expect([size(2, 1), size(500, 200), size(1, 1), size(501, 24), size(80, 0), size(80, 201), size(-80, 24), size(80.5, 24), size("80", 24), size(null, 24), size(1e309, 24)])
      .toEqual([true, true, false, false, false, false, false, false, false, false, false]);
  });

  it("limits input to 64 KiB", () => {
    expect(decodeClientMessage(JSON.stringify({ type: "input", data: "x".repeat(MAX_INPUT_CHARS) })).ok).toBe(true);
    expect(decodeClientMessage(JSON.stringify({ type: "input", data: "x".repeat(MAX_INPUT_CHARS + 1) }))).toEqual({ ok: false, code: "invalid_input", message: FRAME_ERRORS.invalid_input });
  });

  it("ignores inherited and prototype keys", () => {
    expect(decodeClientMessage('{"__proto__":{"type":"check"}}')).toMatchObject({ ok: false, code: "invalid_frame" });
    expect(decodeClientMessage('{"type":"input","__proto__":{"data":"x"}}')).toMatchObject({ ok: false, code: "invalid_input" });
    expect(decodeClientMessage('{"type":"hasOwnProperty"}')).toMatchObject({ ok: false, code: "unknown_type" });
    const ok = decodeClientMessage('{"type":"input","data":"a","__proto__":{"polluted":1}}');
    expect(ok).toEqual({ ok: true, message: { type: "input", data: "a" } });
    expect(Object.getPrototypeOf(ok.ok && ok.message)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("replaces unpaired surrogates so input is valid Unicode", () => {
    expect(wellFormed("a\uD800b\uDC00c\uD83D\uDE00")).toBe("a\uFFFDb\uFFFDc\uD83D\uDE00");
    expect(decodeClientMessage('{"type":"input","data":"\\ud800"}')).toEqual({ ok: true, message: { type: "input", data: "\uFFFD" } });
  });

  it("never throws, whatever the text", () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.json(), fc.jsonValue().map((v) => JSON.stringify({ type: "input", data: v })),
      fc.record({ type: fc.constantFrom("input", "resize", "check", "x"), cols: fc.anything(), rows: fc.anything(), data: fc.anything() }).map((v) => { try { return JSON.stringify(v) ?? ""; } catch { return ""; } })),
    (text) => {
      const r = decodeClientMessage(text);
      if (!r.ok) expect(Object.keys(FRAME_ERRORS)).toContain(r.code);
    }), { numRuns: 2000 });
  });
});

describe("decodeServerMessage", () => {
  it("round-trips every server frame", () => {
    const frames = [
      { type: "output", data: "\x1bc$ " },
      { type: "notice", text: "hello" },
      { type: "error", code: "invalid_json", message: FRAME_ERRORS.invalid_json },
      progressOf([{ id: "a", title: "A", optional: false, passed: true, checks: [{ kind: "podPhase", passed: true }] }, { id: "b", title: "B", optional: true, passed: false }]),
    ] as const;
    for (const f of frames) expect(decodeServerMessage(encodeServerMessage(f))).toEqual({ ok: true, message: f });
  });

  it("rejects malformed frames", () => {
    for (const text of ['{"type":"output"}', '{"type":"error","code":"nope","message":"x"}', '{"type":"progress","steps":[{}]}', "[]", "{", '{"type":"toString"}']) {
      expect(decodeServerMessage(text).ok).toBe(false);
    }
  });
});

describe("progressOf", () => {
  it("counts completed steps; optional steps do not block finishing; no steps is not finished", () => {
    const p = progressOf([{ id: "a", title: "A", optional: false, passed: true }, { id: "b", title: "B", optional: true, passed: false }]);
    expect(p).toEqual({ type: "progress", steps: p.steps, currentStep: "b", completed: 1, total: 2, finished: true });
    expect(progressOf([]).finished).toBe(false);
  });
});

describe("splitInput", () => {
  const bytes = (data: string) => new TextEncoder().encode(encodeClientMessage({ type: "input", data })).length;

  it("cuts input into frames the server accepts, whatever the characters", () => {
    for (const text of ["echo " + "x".repeat(70_000), "echo " + "€".repeat(30_000), "\u0001".repeat(20_000), "😀".repeat(20_000), "\"\\".repeat(20_000)]) {
      const parts = splitInput(text);
      expect(parts.join("")).toBe(text);
      for (const p of parts) {
        expect(bytes(p)).toBeLessThanOrEqual(MAX_FRAME_BYTES);
        expect(decodeClientMessage(encodeClientMessage({ type: "input", data: p }))).toEqual({ ok: true, message: { type: "input", data: p } });
      }
    }
    expect(bytes("\u0001".repeat(INPUT_CHUNK_CHARS))).toBeLessThanOrEqual(MAX_FRAME_BYTES);
  });

  it("never splits a surrogate pair", () => {
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 200 }), fc.integer({ min: 2, max: 20 }), (text, max) => {
      const parts = splitInput(text, max);
      expect(parts.join("")).toBe(text);
      let at = 0;
      for (const p of parts) {
        expect(p.length).toBeGreaterThan(0);
        expect(p.length).toBeLessThanOrEqual(max);
        at += p.length;
        // Never a high surrogate at the end and its low surrogate at the start of the next part.
        const pair = /[\uD800-\uDBFF]$/.test(p) && /^[\uDC00-\uDFFF]/.test(text.slice(at));
        expect(pair).toBe(false);
      }
    }));
    expect(splitInput("a😀b", 2)).toEqual(["a", "😀", "b"]);
    expect(splitInput("")).toEqual([]);
  });

  it("charges frames what they cost the server", () => {
    expect(frameCost({ type: "input", data: "a" })).toBe(64);
    expect(frameCost({ type: "input", data: "x".repeat(1000) })).toBe(1000);
    expect(frameCost({ type: "resize", cols: 80, rows: 24 })).toBeGreaterThanOrEqual(4096);
    expect(frameCost({ type: "check" })).toBe(4096);
  });
});
