/**
 * A long text's detection over a port (docs/adr/0008-long-text-in-parts.md): the content script
 * posts the text in parts, a task each, then the request; the background collects the parts and
 * answers on the same port. Short texts keep the one-message request.
 */
import { DetectPortMessageSchema, TextAssembly, parseOr, textParts, type DetectPortAnswer, type DetectPortMessage, type DetectRequest, type DetectWire } from '../core/messages';

/** What both sides use of a runtime.Port (Chromium's and Firefox's). */
export interface PortLike {
  postMessage(message: unknown): void;
  disconnect(): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
}

/**
 * The content script's side: sends `text` in parts over `port`, giving the page its `turn` after
 * each, and resolves with the background's answer (still to be decoded). Rejects with the reason
 * when the background refuses or the port closes first, and stops sending (closing the port) once
 * `isCurrent` says the read that asked has been superseded.
 */
export function detectInParts(port: PortLike, text: string, request: DetectRequest, turn: () => Promise<void>, isCurrent: () => boolean = () => true): Promise<unknown> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (done: () => void) => {
      if (settled) return;
      settled = true;
      try {
        port.disconnect();
      } catch {
        /* already closed */
      }
      done();
    };
    port.onMessage.addListener((raw) => {
      const msg = raw as Partial<Record<'answer' | 'error', unknown>> | null;
      if (msg && typeof msg === 'object' && 'answer' in msg) settle(() => resolve(msg.answer));
      else settle(() => reject(new Error(`the background could not detect: ${typeof msg?.error === 'string' ? msg.error : 'its answer was malformed'}`)));
    });
    port.onDisconnect.addListener(() => settle(() => reject(new Error('the background closed the detection before answering'))));
    // The parts, a turn after each, then the request.
    const messages: DetectPortMessage[] = [...textParts(text).map((part) => ({ type: 'part' as const, text: part })), { type: 'detect', length: text.length, ...request }];
    void (async () => {
      for (const [i, message] of messages.entries()) {
        if (settled) return;
        if (!isCurrent()) return settle(() => reject(new Error('the read that asked was superseded')));
        port.postMessage(message);
        if (i < messages.length - 1) await turn();
      }
    })().catch((err: unknown) => settle(() => reject(err)));
  });
}

/**
 * The background's side of one port: collects the text's parts and answers the request with
 * `detect`'s answer. Anything malformed, too long or incomplete gets its reason, and the port is closed.
 */
export function serveDetectPort(port: PortLike, detect: (text: string, request: DetectRequest) => DetectWire): void {
  const assembly = new TextAssembly();
  const answer = (message: DetectPortAnswer) => port.postMessage(message);
  const fail = (error: string) => {
    answer({ error });
    port.disconnect();
  };
  // The page closed the port (a superseded read, navigation, the tab closed): drop the parts.
  port.onDisconnect.addListener(() => assembly.reset());
  port.onMessage.addListener((raw) => {
    const msg = parseOr(DetectPortMessageSchema, raw);
    if (!msg) return fail('a malformed detection message');
    if (msg.type === 'part') {
      if (!assembly.add(msg.text)) fail('the text is longer than any article');
      return;
    }
    const text = assembly.finish(msg.length);
    if (text === null) return fail(`the text arrived incomplete (not ${msg.length} characters)`);
    try {
      answer({ answer: detect(text, { blocks: msg.blocks, everydayTerms: msg.everydayTerms }) });
    } catch (err) {
      fail(err instanceof Error ? err.message : String(err));
    }
  });
}
