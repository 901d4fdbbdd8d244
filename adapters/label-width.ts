/**
 * The width a margin note's label takes on screen, measured on a canvas that is never part of the
 * page (an OffscreenCanvas), in the note's font (components/ui.css, `.bs-margin` in `.bs-root`).
 */
const MARGIN_NOTE_FONT = "12px system-ui, -apple-system, 'Segoe UI', Roboto, Ubuntu, sans-serif";

let context: OffscreenCanvasRenderingContext2D | null | undefined;

/** The label's width in CSS pixels; Infinity where the browser offers no canvas to measure it on. */
export function labelWidth(text: string): number {
  if (context === undefined) {
    try {
      context = typeof OffscreenCanvas === 'function' ? new OffscreenCanvas(1, 1).getContext('2d') : null;
      if (context) context.font = MARGIN_NOTE_FONT;
    } catch {
      context = null;
    }
  }
  return context ? context.measureText(text).width : Infinity;
}
