import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { detectInParts, serveDetectPort, type PortLike } from '../../adapters/detect-port';
import { DECODE_STEP_MENTIONS, DETECT_PART_CHARS } from '../../core/constants';
import { TextAssembly, decodeDetectResponse, decodeDetectResponseSteps, encodeDetectResponse, textParts, type DetectRequest, type DetectWire } from '../../core/messages';
import type { Mention } from '../../core/types';
import type { Block } from '../../core/types';

/** Two connected ports that pass messages as the channel does: serialised, later, in order, and none after closing. */
function portPair(): { page: PortLike & { posted: unknown[] }; worker: PortLike; closed: () => boolean } {
  type Side = { listeners: ((m: unknown) => void)[]; gone: (() => void)[] };
  const a: Side = { listeners: [], gone: [] };
  const b: Side = { listeners: [], gone: [] };
  let open = true;
  const make = (self: Side, other: Side, posted: unknown[]): PortLike & { posted: unknown[] } => ({
    posted,
    postMessage(message) {
      if (!open) throw new Error('Attempting to use a disconnected port object');
      posted.push(message);
      const copy = JSON.parse(JSON.stringify(message)) as unknown;
      // Delivered even if this end disconnects meanwhile: the channel keeps the order of messages and closing.
      queueMicrotask(() => other.listeners.forEach((l) => l(copy)));
    },
    disconnect() {
      if (!open) return;
      open = false;
      // Only the other end hears of it.
      queueMicrotask(() => other.gone.forEach((l) => l()));
    },
    onMessage: { addListener: (l) => void self.listeners.push(l) },
    onDisconnect: { addListener: (l) => void self.gone.push(l) },
  });
  return { page: make(a, b, []), worker: make(b, a, []), closed: () => !open };
}

const turn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
const blocks: Block[] = [{ start: 0, end: 5, kind: 'paragraph' }];

describe('a long text detected over a port, in parts', () => {
  it('cuts a text into parts that make it up again and never split a surrogate pair', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', ' ', '😀', 'é', '\n'), maxLength: 300 }), fc.integer({ min: 2, max: 40 }), (text, size) => {
        const parts = textParts(text, size);
        expect(parts.join('')).toBe(text);
        for (const p of parts) {
          expect(p.length).toBeGreaterThan(0);
          expect(p.length).toBeLessThanOrEqual(size);
          expect(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/.test(p)).toBe(false);
        }
      }),
    );
    expect(textParts('')).toEqual([]);
    expect(() => textParts('abc', 1)).toThrow(RangeError);
  });

  it('collects the parts, and refuses a text that is incomplete or longer than any article', () => {
    const a = new TextAssembly();
    expect(a.add('Blinken ')).toBe(true);
    expect(a.add('says')).toBe(true);
    expect(a.finish(12)).toBe('Blinken says');
    // Starts afresh after each request.
    a.add('abc');
    expect(a.finish(4)).toBeNull();
    expect(a.finish(0)).toBe('');
    const big = 'x'.repeat(1_000_000);
    for (let i = 0; i < 4; i++) expect(a.add(big)).toBe(true);
    expect(a.add('x')).toBe(false);
    // Dropped when the port closes before the request.
    const b = new TextAssembly();
    b.add('Blinken');
    b.reset();
    b.add('Wang');
    expect(b.finish(4)).toBe('Wang');
  });

  it('sends the text a part a turn, and the page gets the same answer as from one message', async () => {
    const text = `${'Antony Blinken met Wang Yi in Munich. '.repeat(3_000)}😀 end`;
    expect(text.length).toBeGreaterThan(3 * DETECT_PART_CHARS);
    const { page, worker, closed } = portPair();
    const received: string[] = [];
    const detect = (t: string, r: DetectRequest): DetectWire => {
      received.push(t);
      expect(r).toEqual({ blocks, everydayTerms: true });
      const at = t.indexOf('Wang Yi');
      return encodeDetectResponse({ mentions: [{ text: 'Wang Yi', start: at, end: at + 7, type: 'person', entity: 'Wang Yi', id: 'person/wang-yi', confidence: 0.9 }], pack: null });
    };
    serveDetectPort(worker, detect);
    // What had been posted at each of the page's turns.
    const postedAtTurn: number[] = [];
    const raw = await detectInParts(page, text, { blocks, everydayTerms: true }, () => (postedAtTurn.push(page.posted.length), turn()));
    expect(received).toEqual([text]);
    // One part a turn: the page's thread is given back between parts.
    const parts = page.posted.filter((m) => (m as { type: string }).type === 'part');
    expect(parts.length).toBe(Math.ceil(text.length / DETECT_PART_CHARS));
    expect(postedAtTurn).toEqual(parts.map((_, i) => i + 1));
    expect(page.posted.at(-1)).toEqual({ type: 'detect', length: text.length, blocks, everydayTerms: true });
    const answer = decodeDetectResponse(raw, text);
    expect(answer?.mentions.map((m) => m.text)).toEqual(['Wang Yi']);
    // The page closes the port once answered.
    expect(closed()).toBe(true);
  });

  it('decodes a long page’s answer in steps, a step every DECODE_STEP_MENTIONS mentions, to the same answer', () => {
    const text = 'Wang Yi met Blinken. '.repeat(1_300);
    const mentions: Mention[] = [];
    for (let at = 0; at < text.length; at += 21) {
      mentions.push({ text: 'Wang Yi', start: at, end: at + 7, type: 'person', entity: 'Wang Yi', id: 'person/wang-yi', confidence: 1 });
      mentions.push({ text: 'Blinken', start: at + 12, end: at + 19, type: 'person', entity: 'Antony Blinken', id: 'person/antony-blinken', confidence: 0.9 });
    }
    const wire = JSON.parse(JSON.stringify(encodeDetectResponse({ mentions, pack: null }))) as unknown;
    const steps = decodeDetectResponseSteps(wire, text);
    let yields = 0;
    let step = steps.next();
    for (; !step.done; step = steps.next()) yields++;
    expect(yields).toBe(Math.ceil(mentions.length / DECODE_STEP_MENTIONS) - 1);
    expect(step.value).toEqual(decodeDetectResponse(wire, text));
    expect(step.value?.mentions).toEqual(mentions);
    expect(step.value?.names.get('Antony Blinken')).toEqual({ type: 'person', shortest: 'Blinken' });
  });

  it('rejects with the reason when the background refuses, and when the port closes before an answer', async () => {
    const refused = portPair();
    serveDetectPort(refused.worker, () => {
      throw new Error('the knowledge base is not loaded');
    });
    await expect(detectInParts(refused.page, 'x'.repeat(DETECT_PART_CHARS + 1), {}, turn)).rejects.toThrow(/could not detect: the knowledge base is not loaded/);

    const dropped = portPair();
    dropped.worker.onMessage.addListener(() => dropped.worker.disconnect());
    await expect(detectInParts(dropped.page, 'x'.repeat(DETECT_PART_CHARS * 2), {}, turn)).rejects.toThrow(/closed the detection before answering/);
  });

  it('stops sending, and closes the port, once the read that asked is superseded: nothing is detected', async () => {
    const { page, worker, closed } = portPair();
    let detected = 0;
    serveDetectPort(worker, () => {
      detected++;
      return encodeDetectResponse({ mentions: [], pack: null });
    });
    let current = true;
    const sent = detectInParts(page, 'x'.repeat(DETECT_PART_CHARS * 4), {}, async () => {
      // A newer read takes over after the second part.
      if (page.posted.length === 2) current = false;
      await turn();
    }, () => current);
    await expect(sent).rejects.toThrow(/superseded/);
    expect(page.posted).toHaveLength(2);
    expect(closed()).toBe(true);
    await turn();
    expect(detected).toBe(0);
  });

  it('refuses malformed messages and a request whose parts do not make up its length', async () => {
    const answers: unknown[] = [];
    const listen = (port: PortLike) => port.onMessage.addListener((m) => void answers.push(m));
    const bad = portPair();
    listen(bad.page);
    serveDetectPort(bad.worker, () => {
      throw new Error('not reached');
    });
    bad.page.postMessage({ type: 'part', text: 'x'.repeat(DETECT_PART_CHARS + 1) });
    await turn();
    expect(answers).toEqual([{ error: 'a malformed detection message' }]);
    expect(bad.closed()).toBe(true);

    const short = portPair();
    listen(short.page);
    serveDetectPort(short.worker, () => {
      throw new Error('not reached');
    });
    short.page.postMessage({ type: 'part', text: 'Blinken' });
    short.page.postMessage({ type: 'detect', length: 8 });
    await turn();
    expect(answers.at(-1)).toEqual({ error: 'the text arrived incomplete (not 8 characters)' });
  });
});
